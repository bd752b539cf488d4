package dev.periscope.metrics.prometheus;

/**
 * The metrics backend could not answer. {@link #kind()} says why, so callers can tell a bad query (the user's to fix)
 * from an outage (nobody's query works).
 *
 * <p>For {@link Kind#BAD_QUERY} and {@link Kind#SERVER_ERROR} the message carries the server's own error text, which
 * may quote the query: mask it before showing it.
 */
public final class PrometheusException extends RuntimeException {

    public enum Kind {
        /** No connection could be made: the server is down or the URL is wrong. */
        UNREACHABLE,
        /** The server did not answer within the request timeout. */
        TIMEOUT,
        /** The server refused the query or its parameters (HTTP 400, errorType bad_data). */
        BAD_QUERY,
        /** The server failed to run the query, or answered 5xx, 401/403, or another error. */
        SERVER_ERROR,
        /** The answer was larger than the configured limit. */
        RESPONSE_TOO_LARGE,
        /** The answer was not the Prometheus API's JSON. */
        INVALID_RESPONSE
    }

    private final Kind kind;

    public PrometheusException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    PrometheusException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
