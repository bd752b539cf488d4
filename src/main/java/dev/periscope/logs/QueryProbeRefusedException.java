package dev.periscope.logs;

import java.util.Set;

/**
 * A search named a raw confidential value. It is refused, so that search can never confirm that a secret exists,
 * and audited as a probe; the message tells the user to search by token.
 */
public class QueryProbeRefusedException extends RuntimeException {

    private final Set<String> categories;

    public QueryProbeRefusedException(String message, Set<String> categories) {
        super(message);
        this.categories = Set.copyOf(categories);
    }

    public Set<String> categories() {
        return categories;
    }
}
