package dev.periscope.logs.store;

import dev.periscope.logs.query.QueryNode;

/**
 * What a store is asked: the validated and scoped query tree, and the time range. Stores only ever see this, never
 * the text the user typed.
 *
 * @param filter the query tree, already rewritten to the user's scope
 * @param fromMillis start of the range, inclusive, epoch milliseconds
 * @param toMillis end of the range, exclusive, epoch milliseconds
 */
public record StoreQuery(QueryNode filter, long fromMillis, long toMillis) {

    public StoreQuery {
        if (toMillis < fromMillis) {
            throw new IllegalArgumentException("the range ends before it starts");
        }
    }
}
