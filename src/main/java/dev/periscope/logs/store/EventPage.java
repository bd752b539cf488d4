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
 */
public record EventPage(List<LogEvent> events, long total, boolean totalExact, Optional<LogCursor> next) {
    public EventPage {
        events = List.copyOf(events);
    }
}
