package dev.periscope.logs;

import java.time.Instant;

/**
 * A query as the user states it.
 *
 * @param text Lucene query syntax, e.g. {@code service:checkout AND level:ERROR AND "timed out"}; blank for all
 * @param from start of the time range, inclusive
 * @param to end of the time range, exclusive
 */
public record LogQuery(String text, Instant from, Instant to) {

    public LogQuery {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends before it starts");
        }
    }
}
