package dev.periscope.logs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DemoLatencyLogStoreTest {

    private static final StoreQuery ANY = new StoreQuery(new dev.periscope.logs.query.QueryNode.MatchAll(), 0, 1);

    @Test
    void cancel_stops_the_simulated_wait_as_it_would_stop_a_real_query() throws Exception {
        LogStore slow = new DemoLatencyLogStore(new Empty(), Duration.ofMinutes(5));
        QueryControl control = QueryControl.withTimeLimit(Duration.ofMinutes(10));
        CompletableFuture<Object> search = CompletableFuture.supplyAsync(() ->
                slow.search(ANY, SortOrder.NEWEST_FIRST, 10, Optional.empty(), control));

        control.cancel();

        assertThatThrownBy(() -> search.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(QueryTimeoutException.class);
    }

    @Test
    void the_answer_is_the_real_stores_once_the_wait_is_over() {
        LogStore slow = new DemoLatencyLogStore(new Empty(), Duration.ofMillis(30));

        assertThat(slow.search(ANY, SortOrder.NEWEST_FIRST, 10, Optional.empty(),
                QueryControl.withTimeLimit(Duration.ofSeconds(5))).events()).isEmpty();
        assertThat(slow.backend()).isEqualTo("empty");
    }

    /** A store with nothing in it. */
    private static final class Empty implements LogStore {
        @Override
        public String backend() {
            return "empty";
        }

        @Override
        public EventPage search(StoreQuery query, SortOrder order, int limit, Optional<LogCursor> after,
                                QueryControl control) {
            return new EventPage(List.of(), 0, true, Optional.empty());
        }

        @Override
        public Histogram histogram(StoreQuery query, long intervalMillis, QueryControl control) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TopValues topValues(StoreQuery query, String field, int size, QueryControl control) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<EventContext> context(String eventId, dev.periscope.logs.query.QueryNode scope, int before,
                                              int after, QueryControl control) {
            return Optional.empty();
        }

        @Override
        public EventPage tail(StoreQuery query, LogCursor after, int limit, QueryControl control) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int maxPageSize() {
            return 100;
        }
    }
}
