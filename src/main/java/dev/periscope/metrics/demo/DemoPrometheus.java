package dev.periscope.metrics.demo;

import dev.periscope.metrics.prometheus.PrometheusApi;
import dev.periscope.metrics.prometheus.PrometheusData.Alert;
import dev.periscope.metrics.prometheus.PrometheusData.MetricMetadata;
import dev.periscope.metrics.prometheus.PrometheusData.QueryResult;
import dev.periscope.metrics.prometheus.PrometheusData.ResultType;
import dev.periscope.metrics.prometheus.PrometheusData.RuleGroup;
import dev.periscope.metrics.prometheus.PrometheusData.Sample;
import dev.periscope.metrics.prometheus.PrometheusData.Series;
import dev.periscope.metrics.prometheus.PrometheusException;
import dev.periscope.metrics.promql.Expr;
import dev.periscope.metrics.promql.LabelMatcher;
import dev.periscope.metrics.promql.PromQlParseException;
import dev.periscope.metrics.promql.PromQlParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The demo's Prometheus: answers the query API from {@link DemoSeries} through {@link DemoEvaluator}. Every answer
 * carries a warning that the data is generated, so the portal never passes demo data off as production metrics.
 */
public final class DemoPrometheus implements PrometheusApi {

    public static final String DEMO_WARNING = "demo data: generated series, not a Prometheus";

    private final Clock clock;

    public DemoPrometheus() {
        this(Clock.systemUTC());
    }

    public DemoPrometheus(Clock clock) {
        this.clock = clock;
    }

    @Override
    public QueryResult query(String promql, Instant time) {
        var value = evaluate(parse(promql), seconds(time));
        return switch (value) {
            case DemoEvaluator.Scalar s -> new QueryResult(ResultType.SCALAR, List.of(),
                    Optional.of(new Sample(seconds(time), s.value())), Optional.empty(), List.of(DEMO_WARNING));
            case DemoEvaluator.Vector v -> new QueryResult(ResultType.VECTOR, v.elements().stream()
                    .map(e -> new Series(e.labels(), List.of(new Sample(seconds(time), e.value())))).toList(),
                    Optional.empty(), Optional.empty(), List.of(DEMO_WARNING));
        };
    }

    @Override
    public QueryResult queryRange(String promql, Instant start, Instant end, Duration step) {
        var series = new LinkedHashMap<Map<String, String>, List<Sample>>();
        double stepSeconds = step.toMillis() / 1000.0;
        Expr expr = parse(promql);
        for (double t = seconds(start); t <= seconds(end); t += stepSeconds) {
            var value = evaluate(expr, t);
            var elements = value instanceof DemoEvaluator.Vector v ? v.elements()
                    : List.of(new DemoEvaluator.Element(Map.of(), ((DemoEvaluator.Scalar) value).value()));
            for (var e : elements) {
                if (!Double.isNaN(e.value())) {
                    series.computeIfAbsent(e.labels(), k -> new ArrayList<>()).add(new Sample(t, e.value()));
                }
            }
        }
        return new QueryResult(ResultType.MATRIX, series.entrySet().stream()
                .map(e -> new Series(e.getKey(), e.getValue())).toList(), Optional.empty(), Optional.empty(),
                List.of(DEMO_WARNING));
    }

    @Override
    public List<Map<String, String>> series(List<String> selectors, Instant start, Instant end) {
        return selected(selectors).stream().map(DemoSeries.Def::labels).distinct().toList();
    }

    @Override
    public List<String> labels(List<String> selectors, Instant start, Instant end) {
        var names = new TreeSet<String>();
        selected(selectors).forEach(d -> names.addAll(d.labels().keySet()));
        return List.copyOf(names);
    }

    @Override
    public List<String> labelValues(String label, List<String> selectors, Instant start, Instant end) {
        var values = new TreeSet<String>();
        selected(selectors).forEach(d -> {
            String v = d.labels().get(label);
            if (v != null) {
                values.add(v);
            }
        });
        return List.copyOf(values);
    }

    @Override
    public Map<String, List<MetricMetadata>> metadata(Optional<String> metric) {
        var result = new LinkedHashMap<String, List<MetricMetadata>>();
        DemoSeries.METADATA.forEach((name, m) -> {
            if (metric.isEmpty() || metric.get().equals(name)) {
                result.put(name, List.of(new MetricMetadata(m[0], m[1], "")));
            }
        });
        return result;
    }

    @Override
    public List<RuleGroup> rules() {
        return DemoAlerts.rules(clock.instant());
    }

    @Override
    public List<Alert> alerts() {
        return DemoAlerts.alerts(clock.instant());
    }

    private static List<DemoSeries.Def> selected(List<String> selectors) {
        var result = new ArrayList<DemoSeries.Def>();
        for (String selector : selectors) {
            List<LabelMatcher> matchers;
            try {
                matchers = PromQlParser.parseSelector(selector).allMatchers();
            } catch (PromQlParseException e) {
                throw new PrometheusException(PrometheusException.Kind.BAD_QUERY, e.getMessage());
            }
            DemoEvaluator.matching(matchers).stream().filter(d -> !result.contains(d)).forEach(result::add);
        }
        return result;
    }

    private static Expr parse(String promql) {
        try {
            return PromQlParser.parse(promql);
        } catch (PromQlParseException e) {
            throw new PrometheusException(PrometheusException.Kind.BAD_QUERY, e.getMessage());
        }
    }

    private static DemoEvaluator.Value evaluate(Expr expr, double t) {
        try {
            return DemoEvaluator.eval(expr, t);
        } catch (DemoEvaluator.UnsupportedException e) {
            throw new PrometheusException(PrometheusException.Kind.BAD_QUERY, e.getMessage());
        }
    }

    private static double seconds(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }
}
