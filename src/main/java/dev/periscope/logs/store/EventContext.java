package dev.periscope.logs.store;

import java.util.List;

/**
 * Events around one event in the same stream (same service and source), oldest first.
 *
 * @param before up to N events just before the anchor
 * @param anchor the event asked for
 * @param after up to N events just after the anchor
 */
public record EventContext(List<LogEvent> before, LogEvent anchor, List<LogEvent> after) {
    public EventContext {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }
}
