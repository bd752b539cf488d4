package dev.periscope.logs.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.audit.RecordingAuditTrail;
import dev.periscope.base.TimeRangeChoice;
import dev.periscope.logs.LogAccess;
import dev.periscope.logs.LogAccessChangedException;
import dev.periscope.logs.LogQuery;
import dev.periscope.logs.LogQueryValueResolver;
import dev.periscope.logs.LogScope;
import dev.periscope.logs.LogService;
import dev.periscope.logs.LogTopValues;
import dev.periscope.logs.LogsProperties;
import dev.periscope.logs.query.BackendUnavailableException;
import dev.periscope.logs.query.InvalidQueryException;
import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryTimeoutException;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.LogStore;
import dev.periscope.logs.store.lucene.LuceneLogStore;
import dev.periscope.logs.store.lucene.LuceneLogStoreProperties;
import dev.periscope.masking.ShippedMasking;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsViewTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final LogAccess READER = LogAccess.of(new AuditEntry.Actor("alice", List.of("developer"), "s1",
            "192.0.2.1", "ua"), LogScope.everything());
    private static final LogQuery LAST_HOUR = new LogQuery("", NOW.minusSeconds(3600), NOW);

    @TempDir
    Path dir;
    private LuceneLogStore store;

    @AfterEach
    void closeStore() throws IOException {
        if (store != null) {
            store.close();
        }
    }

    /**
     * A store of events with fields that no query can name, as the portal shows them: a key that held an address (its
     * name is masked), a key ingest kept as {@code field.} (it had no letter a name may hold), a field outside
     * {@code allowed-fields}; and {@code order.id}, which can be searched.
     */
    private LogStore storeWithUnsearchableNames() {
        store = new LuceneLogStore(dir, LuceneLogStoreProperties.defaults(), CLOCK);
        for (int i = 0; i < 5; i++) {
            store.add(List.of(new LogEvent(LogEvent.idOf(i + 1), NOW.toEpochMilli() - 60_000 + i, "checkout", "INFO",
                    "login failed", Map.of("attempts.jane.doe@example.com", "3", "field.", "x", "secret.code", "7",
                    "order.id", "o-" + i), "checkout.log", i + 1, i * 100L, false)));
        }
        store.refresh();
        return store;
    }

    private static LogService service(LogStore store) {
        return service(store, 1000);
    }

    private static LogService service(LogStore store, int maxPageSize) {
        LogsProperties properties = new LogsProperties("lucene", Duration.ofSeconds(10), 4096, 256, 10_000, 256,
                List.of("attempts.*", "field*", "order.*"), maxPageSize, 60, 100_000);
        return new LogService(store, ShippedMasking.service(), new RecordingAuditTrail(), properties,
                LogQueryValueResolver.identity(), CLOCK);
    }

    @Test
    void a_link_whose_range_ends_before_it_starts_is_a_bad_query_with_a_clear_message() {
        assertThatThrownBy(() -> LogsView.queryOf("", TimeRangeChoice.of("now", "now-1h"), CLOCK))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("The time range ends before it starts ('to' now-1h is before 'from' now). Pick another"
                        + " range.");
    }

    @Test
    void a_link_with_a_time_that_is_not_one_is_a_bad_query() {
        assertThatThrownBy(() -> LogsView.queryOf("", TimeRangeChoice.of("yesterday", "now"), CLOCK))
                .isInstanceOf(InvalidQueryException.class).hasMessage("Not a time: yesterday");
    }

    @Test
    void a_range_in_order_becomes_the_query() {
        LogQuery query = LogsView.queryOf("level:ERROR", TimeRangeChoice.of("now-1h", "now"), CLOCK);

        assertThat(query).isEqualTo(new LogQuery("level:ERROR", NOW.minusSeconds(3600), NOW));
    }

    @Test
    void surrounding_events_that_cannot_be_read_say_why_as_a_search_would() {
        assertThat(LogsView.contextFailure(new AuditUnavailableException("audit store unavailable",
                new IOException("disk full")))).isEqualTo("The surrounding events could not be shown. The audit trail"
                        + " cannot record this search, so it was refused. Try again shortly.");
        assertThat(LogsView.contextFailure(new QueryTimeoutException("slow", false)))
                .isEqualTo("The surrounding events could not be shown. The query took too long. Narrow the time"
                        + " range or the query.");
        assertThat(LogsView.contextFailure(new BackendUnavailableException(
                "The log store (Elasticsearch) is busy. Try again shortly.", new IOException("429"))))
                .isEqualTo("The surrounding events could not be shown. The log store (Elasticsearch) is busy. Try"
                        + " again shortly.");
        assertThat(LogsView.contextFailure(new IllegalStateException("index closed at /var/x")))
                .isEqualTo("The surrounding events could not be shown. The search failed. Try again shortly.");
    }

    @Test
    void cancelling_the_surrounding_events_is_not_reported_as_a_failure() {
        assertThat(LogsView.contextFailure(new QueryTimeoutException("cancelled", true))).isEmpty();
    }

    @Test
    void a_read_stopped_because_the_access_changed_says_so() {
        assertThat(LogsView.reason(new LogAccessChangedException())).contains("Your access to logs has changed")
                .contains("Search again");
    }

    @Test
    void the_sidebar_leaves_out_the_fields_a_query_cannot_name_and_the_results_are_shown() {
        LogService logs = service(storeWithUnsearchableNames());

        LogsView.Results results = LogsView.Results.fetch(logs, READER, LAST_HOUR, 200,
                QueryControl.withTimeLimit(Duration.ofSeconds(10)));

        assertThat(results.page().events()).hasSize(5);
        assertThat(results.page().events().getFirst().fields().asMap().keySet())
                .as("the event shows the names the sidebar must skip")
                .anyMatch(name -> name.contains("‹email:")).contains("field.", "secret.code");
        assertThat(results.histogram().total()).isEqualTo(5);
        assertThat(results.fields()).extracting(LogTopValues::field).containsExactly("service", "level", "order.id");
        assertThat(results.fieldsNote()).isEmpty();
    }

    @Test
    void a_field_whose_values_cannot_be_read_leaves_a_note_beside_the_results_instead_of_failing_them() {
        LogStore real = storeWithUnsearchableNames();
        LogStore down = (LogStore) Proxy.newProxyInstance(LogStore.class.getClassLoader(),
                new Class<?>[] {LogStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("topValues") && "level".equals(args[1])) {
                        throw new BackendUnavailableException("The log store is busy. Try again shortly.",
                                new IOException("429"));
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        LogsView.Results results = LogsView.Results.fetch(service(down), READER, LAST_HOUR, 200,
                QueryControl.withTimeLimit(Duration.ofSeconds(10)));

        assertThat(results.page().events()).hasSize(5);
        assertThat(results.histogram().total()).isEqualTo(5);
        assertThat(results.fields()).extracting(LogTopValues::field).containsExactly("service");
        assertThat(results.fieldsNote()).contains("Field values could not all be loaded. The log store is busy. Try"
                + " again shortly.");
    }

    @Test
    void a_search_shows_its_results_when_pages_may_hold_fewer_rows_than_the_view_asks_for_first() {
        LogService logs = service(storeWithUnsearchableNames(), 3);

        LogsView.Results results = LogsView.Results.fetch(logs, READER, LAST_HOUR, LogsView.firstPageSize(logs),
                QueryControl.withTimeLimit(Duration.ofSeconds(10)));

        assertThat(results.page().events()).hasSize(3);
        assertThat(results.page().nextCursor()).isPresent();
    }
}
