package dev.periscope.access;

/** An access action was refused; the message is fit to show the user. */
public class AccessDeniedException extends RuntimeException {
    public AccessDeniedException(String message) {
        super(message);
    }
}
