package dev.periscope.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one user may read from Prometheus; the access guard fills it from the user's role and grants.
 *
 * @param matchers label matchers added to every selector of every query, e.g. {@code team="web"}; the user's own
 *     matchers stay beside them, so they can only narrow the scope
 * @param maxRange the longest time span a query may cover: a range query's window, a range selector, a subquery
 * @param maskingExemptions masking rule categories this user may see unmasked
 * @param allSeries whether the scope admits every series (then {@code matchers} is empty); only
 *     {@link #allSeries(Duration, Set)} sets it, so an empty matcher list by mistake is still refused
 */
public record MetricScope(List<ScopeMatcher> matchers, Duration maxRange, Set<String> maskingExemptions,
                          boolean allSeries) {

    public MetricScope(List<ScopeMatcher> matchers, Duration maxRange, Set<String> maskingExemptions) {
        this(matchers, maxRange, maskingExemptions, false);
    }

    public MetricScope {
        matchers = List.copyOf(matchers);
        maskingExemptions = Set.copyOf(maskingExemptions);
        if (allSeries && !matchers.isEmpty()) {
            throw new IllegalArgumentException("a scope of all series has no matchers");
        }
    }

    /** Every series, within a time range: a role whose policy restricts no label. */
    public static MetricScope allSeries(Duration maxRange, Set<String> maskingExemptions) {
        return new MetricScope(List.of(), maxRange, maskingExemptions, true);
    }

    /** One label matcher of a scope. */
    public record ScopeMatcher(String label, Op op, String value) {
        public enum Op { EQUAL, NOT_EQUAL, REGEX, NOT_REGEX }

        public static ScopeMatcher equal(String label, String value) {
            return new ScopeMatcher(label, Op.EQUAL, value);
        }
    }
}
