package dev.periscope.logs.store;

import java.util.List;
import java.util.Optional;

/**
 * A page of raw events.
 *
 * @param events the events in the requested order
 * @param total how many events match
 * @param totalExact false when {@code total} is a lower bound (stores stop counting early to stay fast)
 * @param next where the next page starts; empty when this page is the last
 * @param partial why the page may be incomplete (a cluster's shards failed or timed out); empty when complete
 */
public record EventPage(List<LogEvent> events, long total, boolean totalExact, Optional<LogCursor> next,
                        Optional<String> partial) {
    public EventPage {
        events = List.copyOf(events);
    }

    /** A complete page. */
    public EventPage(List<LogEvent> events, long total, boolean totalExact, Optional<LogCursor> next) {
        this(events, total, totalExact, next, Optional.empty());
    }
}
