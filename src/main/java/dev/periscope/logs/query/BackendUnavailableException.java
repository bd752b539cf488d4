package dev.periscope.logs.query;

/**
 * The log backend cannot answer right now: unreachable, refusing requests, or too busy. The message is meant for the
 * user (no host names, no stack trace); REST answers it with 503 and views show it in place of results.
 */
public class BackendUnavailableException extends RuntimeException {

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
