package dev.periscope.logs;

import java.util.List;
import java.util.Optional;

/**
 * Masked events around one event in its stream (same service and source), oldest first; {@code partial} says why
 * some may be missing (part of the log store did not answer).
 */
public record LogContext(List<MaskedLogEvent> before, MaskedLogEvent anchor, List<MaskedLogEvent> after,
                         Optional<String> partial) {
    public LogContext {
        before = List.copyOf(before);
        after = List.copyOf(after);
    }

    public LogContext(List<MaskedLogEvent> before, MaskedLogEvent anchor, List<MaskedLogEvent> after) {
        this(before, anchor, after, Optional.empty());
    }
}
