package dev.periscope.logs;

import java.util.List;

/** Masked events around one event in its stream (same service and source), oldest first. */
public record LogContext(List<MaskedLogEvent> before, MaskedLogEvent anchor, List<MaskedLogEvent> after) {
    public LogContext {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }
}
