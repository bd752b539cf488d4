package dev.periscope.logs.query;

import java.util.OptionalInt;

/**
 * The user's query cannot run as written: a syntax error, an unknown or forbidden field, or a limit it exceeds. The
 * message is meant for the user (and never repeats values from the query, so it is safe to log); the API answers 400.
 */
@org.springframework.modulith.NamedInterface("query")
public class InvalidQueryException extends RuntimeException {

    private final OptionalInt position;

    public InvalidQueryException(String message) {
        super(message);
        this.position = OptionalInt.empty();
    }

    /** @param position zero-based character offset of the error in the query text */
    public InvalidQueryException(String message, int position) {
        super(message + " (at character " + (position + 1) + ")");
        this.position = OptionalInt.of(position);
    }

    /** Zero-based character offset of the error in the query text, when known. */
    public OptionalInt position() {
        return position;
    }
}
