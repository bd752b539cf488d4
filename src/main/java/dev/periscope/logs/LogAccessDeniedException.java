package dev.periscope.logs;

/** The request goes beyond the user's scope (for example a longer time range than allowed); the API answers 403. */
public class LogAccessDeniedException extends RuntimeException {
    public LogAccessDeniedException(String message) {
        super(message);
    }
}
