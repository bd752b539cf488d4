package dev.periscope.metrics.promql;

/** The query cannot be confined to the user's scope, so it must not run. The message is safe to show the user. */
public final class ScopeRefusedException extends RuntimeException {
    ScopeRefusedException(String message) {
        super(message);
    }
}
