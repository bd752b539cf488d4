package dev.periscope.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one user may read from Prometheus; the access guard fills it from the user's role and grants.
 *
 * @param matchers label matchers injected into every selector of every query, e.g. {@code team="web"}; the user's
 *     own matchers on the same labels are replaced
 * @param maxRange the longest time span a query may cover: a range query's window, a range selector, a subquery
 * @param maskingExemptions masking rule categories this user may see unmasked
 */
public record MetricScope(List<ScopeMatcher> matchers, Duration maxRange, Set<String> maskingExemptions) {

    public MetricScope {
        matchers = List.copyOf(matchers);
        maskingExemptions = Set.copyOf(maskingExemptions);
    }

    /** One label matcher of a scope. */
    public record ScopeMatcher(String label, Op op, String value) {
        public enum Op { EQUAL, NOT_EQUAL, REGEX, NOT_REGEX }

        public static ScopeMatcher equal(String label, String value) {
            return new ScopeMatcher(label, Op.EQUAL, value);
        }
    }
}
