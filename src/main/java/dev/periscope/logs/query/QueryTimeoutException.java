package dev.periscope.logs.query;

/** The query ran out of its time budget, or the user cancelled it. */
@org.springframework.modulith.NamedInterface("query")
public class QueryTimeoutException extends RuntimeException {

    private final boolean cancelled;

    public QueryTimeoutException(String message, boolean cancelled) {
        super(message);
        this.cancelled = cancelled;
    }

    /** True when the user cancelled, false when the time limit ended the query. */
    public boolean cancelled() {
        return cancelled;
    }
}
