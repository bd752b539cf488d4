package dev.periscope.metrics;

/**
 * The metrics backend failed to answer: down, slow, too large an answer, or it rejected the query. The message has
 * passed the masking engine (backend errors can quote label values) and is safe to show.
 */
public final class MetricsBackendException extends RuntimeException {

    public enum Reason { UNAVAILABLE, TIMEOUT, REJECTED, TOO_LARGE }

    private final Reason reason;

    MetricsBackendException(Reason reason, String maskedMessage) {
        super(maskedMessage);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
