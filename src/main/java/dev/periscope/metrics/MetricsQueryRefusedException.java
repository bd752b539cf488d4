package dev.periscope.metrics;

/** The query was refused before reaching the backend: invalid PromQL, or outside the user's scope. Safe to show. */
public final class MetricsQueryRefusedException extends RuntimeException {
    MetricsQueryRefusedException(String message) {
        super(message);
    }
}
