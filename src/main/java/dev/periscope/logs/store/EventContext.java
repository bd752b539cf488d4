package dev.periscope.logs.store;

import java.util.List;
import java.util.Optional;

/**
 * Events around one event in the same stream (same service and source), oldest first.
 *
 * @param before up to N events just before the anchor
 * @param anchor the event asked for
 * @param after up to N events just after the anchor
 * @param partial why events around may be missing (some of the store's shards failed or timed out); empty when none
 */
public record EventContext(List<LogEvent> before, LogEvent anchor, List<LogEvent> after, Optional<String> partial) {
    public EventContext {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    public EventContext(List<LogEvent> before, LogEvent anchor, List<LogEvent> after) {
        this(before, anchor, after, Optional.empty());
    }
}
