package dev.periscope.logs.store;

import dev.periscope.logs.query.QueryNode;
import java.util.Objects;

/**
 * What a store is asked: the validated and scoped query tree, and the time range. Stores only ever see this, never
 * the text the user typed.
 *
 * @param filter the query tree, already rewritten to the user's scope
 * @param fromMillis start of the range, inclusive, epoch milliseconds
 * @param toMillis end of the range, exclusive, epoch milliseconds
 * @param screen the words that the query's patterns may expand to
 */
public record StoreQuery(QueryNode filter, long fromMillis, long toMillis, TermScreen screen) {

    public StoreQuery {
        if (toMillis < fromMillis) {
            throw new IllegalArgumentException("the range ends before it starts");
        }
        Objects.requireNonNull(screen);
    }

    /** A query whose patterns may expand to any word. */
    public StoreQuery(QueryNode filter, long fromMillis, long toMillis) {
        this(filter, fromMillis, toMillis, TermScreen.NONE);
    }
}
