package dev.periscope.logs.store;

import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryNode;
import java.time.Duration;
import java.util.Optional;

/**
 * A store that waits a fixed time before each search, histogram, top values and context read, for demonstrations and
 * browser tests of what a slow search looks like: the progress indicator, Cancel, the time limit. It is switched on
 * only by {@code periscope.demo.simulated-search-latency}. The wait honours the query's control like a real store
 * does, so Cancel and the time limit stop it. Live tail is not slowed.
 */
public final class DemoLatencyLogStore implements LogStore {

    private static final long STEP_MILLIS = 20;

    private final LogStore delegate;
    private final Duration latency;

    public DemoLatencyLogStore(LogStore delegate, Duration latency) {
        this.delegate = delegate;
        this.latency = latency;
    }

    @Override
    public String backend() {
        return delegate.backend();
    }

    @Override
    public EventPage search(StoreQuery query, SortOrder order, int limit, Optional<LogCursor> after,
                            QueryControl control) {
        await(control);
        return delegate.search(query, order, limit, after, control);
    }

    @Override
    public Histogram histogram(StoreQuery query, long intervalMillis, QueryControl control) {
        await(control);
        return delegate.histogram(query, intervalMillis, control);
    }

    @Override
    public TopValues topValues(StoreQuery query, String field, int size, QueryControl control) {
        await(control);
        return delegate.topValues(query, field, size, control);
    }

    @Override
    public Optional<EventContext> context(String eventId, QueryNode scope, int before, int after,
                                          QueryControl control) {
        await(control);
        return delegate.context(eventId, scope, before, after, control);
    }

    @Override
    public EventPage tail(StoreQuery query, LogCursor after, int limit, QueryControl control) {
        return delegate.tail(query, after, limit, control);
    }

    @Override
    public int maxPageSize() {
        return delegate.maxPageSize();
    }

    private void await(QueryControl control) {
        long end = System.nanoTime() + latency.toNanos();
        while (end - System.nanoTime() > 0) {
            control.check();
            try {
                Thread.sleep(Math.min(STEP_MILLIS, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw control.stopped();
            }
        }
        control.check();
    }
}
