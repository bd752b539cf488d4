package dev.periscope.logs.query;

import java.util.OptionalInt;

/**
 * The user's query cannot run as written: a syntax error, an unknown or forbidden field, or a limit it exceeds. The
 * message is meant for the user (and never repeats values from the query, so it is safe to log); the API answers 400.
 */
@org.springframework.modulith.NamedInterface("query")
public class InvalidQueryException extends RuntimeException {

    private final OptionalInt position;
    /** The message without its position. */
    private final String reason;

    public InvalidQueryException(String message) {
        super(message);
        this.position = OptionalInt.empty();
        this.reason = message;
    }

    /** @param position zero-based character offset of the error in the query text */
    public InvalidQueryException(String message, int position) {
        super(message + " (at character " + (position + 1) + ")");
        this.position = OptionalInt.of(position);
        this.reason = message;
    }

    /**
     * The same error told about the user's own text, when the portal parsed it inside a larger query: the position
     * counts from where the user's text begins ({@code offset}) and stays within its {@code length}. An error
     * without a position is returned as it is.
     */
    public InvalidQueryException relativeTo(int offset, int length) {
        if (position.isEmpty()) {
            return this;
        }
        int inUserText = Math.max(0, Math.min(length, position.getAsInt() - offset));
        return new InvalidQueryException(reason, inUserText);
    }

    /** Zero-based character offset of the error in the query text, when known. */
    public OptionalInt position() {
        return position;
    }
}
