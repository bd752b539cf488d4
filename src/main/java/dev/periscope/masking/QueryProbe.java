package dev.periscope.masking;

import java.util.Set;

/**
 * What {@link MaskingService#checkQuery(String)} found in a query: whether it holds a raw confidential value, and
 * of which categories and rules. Never the value itself, so it can be shown to the user and audited as it is.
 */
public record QueryProbe(boolean confidential, Set<String> categories, Set<String> ruleIds) {

    public QueryProbe {
        categories = Set.copyOf(categories);
        ruleIds = Set.copyOf(ruleIds);
    }

    static final QueryProbe CLEAN = new QueryProbe(false, Set.of(), Set.of());

    /** The sentence to show the user when the query is refused. */
    public String explanation() {
        return confidential
                ? "This query contains a confidential value (" + String.join(", ", new java.util.TreeSet<>(categories))
                        + "). Search by its token instead, e.g. click a masked value in the results."
                : "";
    }
}
