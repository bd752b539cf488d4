package dev.periscope.logs.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.base.TimeRangeChoice;
import dev.periscope.logs.LogAccessChangedException;
import dev.periscope.logs.LogQuery;
import dev.periscope.logs.query.BackendUnavailableException;
import dev.periscope.logs.query.InvalidQueryException;
import dev.periscope.logs.query.QueryTimeoutException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LogsViewTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

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
}
