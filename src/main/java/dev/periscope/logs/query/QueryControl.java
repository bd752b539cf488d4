package dev.periscope.logs.query;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The time budget of one query and its cancel switch. The caller keeps a reference to cancel from another thread (the
 * view's cancel button); the store polls {@link #shouldStop()} while it collects.
 */
public final class QueryControl {

    private final long deadlineNanos;
    private final Duration limit;
    private final AtomicBoolean cancelled;

    private QueryControl(Duration limit, AtomicBoolean cancelled) {
        this.limit = limit;
        this.deadlineNanos = System.nanoTime() + limit.toNanos();
        this.cancelled = cancelled;
    }

    /** A budget that starts now. */
    public static QueryControl withTimeLimit(Duration limit) {
        return new QueryControl(limit, new AtomicBoolean());
    }

    /**
     * A fresh time budget of the same length that shares this control's cancel switch: for the several queries one
     * search runs (histogram, page, field values), each within the limit, all stopped by one Cancel.
     */
    public QueryControl renewed() {
        return new QueryControl(limit, cancelled);
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Time left before the limit; zero or negative when it has passed. */
    public Duration remaining() {
        return Duration.ofNanos(deadlineNanos - System.nanoTime());
    }

    public boolean shouldStop() {
        return cancelled.get() || System.nanoTime() - deadlineNanos > 0;
    }

    /** Throws the matching {@link QueryTimeoutException} when the query must stop. */
    public void check() {
        if (shouldStop()) {
            throw stopped();
        }
    }

    public QueryTimeoutException stopped() {
        return isCancelled()
                ? new QueryTimeoutException("The query was cancelled.", true)
                : new QueryTimeoutException("The query took longer than its limit of " + limit.toMillis()
                        + " ms. Narrow the time range or the query.", false);
    }
}
