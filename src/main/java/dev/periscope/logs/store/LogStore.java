package dev.periscope.logs.store;

import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryNode;
import java.util.Optional;

/**
 * The read side of a log store. Every method takes an already validated and scoped query tree (never the user's
 * text), honours the {@link QueryControl} time limit and cancel switch, and returns raw events that only the log
 * service may see.
 *
 * <p>Adapters: {@code LuceneLogStore} (embedded) and an Elasticsearch adapter; one contract test suite runs against
 * each. Order is always by (timestamp, id), so cursors work the same on every store.
 */
public interface LogStore {

    /** Name of the backend for the audit record, e.g. {@code lucene}. */
    String backend();

    /**
     * A page of matching events.
     *
     * @param limit at most this many events; adapters reject more than {@link #maxPageSize()}
     * @param after start strictly after this position (in the page's order), for the next page
     */
    EventPage search(StoreQuery query, SortOrder order, int limit, Optional<LogCursor> after, QueryControl control);

    /** Counts of matching events per bucket of {@code intervalMillis} over the query's range. */
    Histogram histogram(StoreQuery query, long intervalMillis, QueryControl control);

    /** The {@code size} most frequent values of {@code field} among matching events. */
    TopValues topValues(StoreQuery query, String field, int size, QueryControl control);

    /**
     * Up to {@code before} and {@code after} events around the event with this id, in the same service and source,
     * all of them (the anchor included) also matching {@code scope}. Empty when no such event is visible.
     */
    Optional<EventContext> context(String eventId, QueryNode scope, int before, int after, QueryControl control);

    /**
     * Matching events strictly newer than {@code after}, oldest first, for live tail; the query's time range still
     * applies. An empty page means nothing new yet.
     */
    EventPage tail(StoreQuery query, LogCursor after, int limit, QueryControl control);

    /** The largest page this store serves. */
    int maxPageSize();
}
