package dev.periscope.metrics;

import dev.periscope.metrics.MetricScope.ScopeMatcher;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether an alert's labels lie within a metrics scope, the way a selector with the scope's matchers would
 * select the alert's {@code ALERTS} series.
 *
 * <p>The alerts API cannot be scoped by rewriting, so this is the one place where metrics are filtered after the
 * fetch. Nothing is counted or aggregated over the hidden alerts, so filtering leaks nothing; and it fails closed:
 * a label the alert lacks counts as empty, which no include matcher of a scope accepts, and a matcher whose regular
 * expression does not compile admits nothing.
 */
final class AlertScopeFilter {

    private record Compiled(String label, ScopeMatcher.Op op, String value, @Nullable Pattern pattern) {
    }

    private final List<Compiled> matchers;
    private final boolean all;

    private AlertScopeFilter(List<Compiled> matchers, boolean all) {
        this.matchers = matchers;
        this.all = all;
    }

    /** The filter of a scope; throws {@link IllegalArgumentException} for a scope that restricts nothing by mistake. */
    static AlertScopeFilter of(MetricScope scope) {
        if (scope.allSeries()) {
            return new AlertScopeFilter(List.of(), true);
        }
        if (scope.matchers().isEmpty()) {
            throw new IllegalArgumentException("a scope without matchers that is not a scope of all series");
        }
        return new AlertScopeFilter(scope.matchers().stream()
                .map(m -> new Compiled(m.label(), m.op(), m.value(), compile(m))).toList(), false);
    }

    /** A user's own narrowing, e.g. a dashboard panel's {@code {service="checkout"}}; no matchers admit every alert. */
    static AlertScopeFilter narrowing(List<ScopeMatcher> matchers) {
        return new AlertScopeFilter(matchers.stream()
                .map(m -> new Compiled(m.label(), m.op(), m.value(), compile(m))).toList(), matchers.isEmpty());
    }

    boolean admits(Map<String, String> labels) {
        if (all) {
            return true;
        }
        for (Compiled m : matchers) {
            String value = labels.getOrDefault(m.label(), "");
            boolean ok = switch (m.op()) {
                case EQUAL -> value.equals(m.value());
                case NOT_EQUAL -> !value.equals(m.value());
                case REGEX -> m.pattern() != null && m.pattern().matcher(value).matches();
                case NOT_REGEX -> m.pattern() != null && !m.pattern().matcher(value).matches();
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable Pattern compile(ScopeMatcher m) {
        if (m.op() != ScopeMatcher.Op.REGEX && m.op() != ScopeMatcher.Op.NOT_REGEX) {
            return null;
        }
        try {
            // PromQL anchors regular expressions at both ends, as matches() does; DOTALL as RE2's (?s) in Prometheus.
            return Pattern.compile(m.value(), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }
}
