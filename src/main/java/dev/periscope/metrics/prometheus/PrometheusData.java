package dev.periscope.metrics.prometheus;

import dev.periscope.base.Unmasked;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The raw answers of the Prometheus API. Label values in them are production data, unmasked. */
@Unmasked
public final class PrometheusData {

    private PrometheusData() {
    }

    public enum ResultType { VECTOR, MATRIX, SCALAR, STRING }

    /** One sample: Unix time in seconds and value ({@code NaN} and infinities included). */
    @Unmasked
    public record Sample(double timestamp, double value) {
    }

    /** A series: its labels (the metric name under {@code __name__}, when kept) and samples in time order. */
    @Unmasked
    public record Series(Map<String, String> labels, List<Sample> samples) {
        public Series {
            labels = Map.copyOf(labels);
            samples = List.copyOf(samples);
        }
    }

    /**
     * The result of an instant or range query. A vector or matrix fills {@code series} (a vector's series hold one
     * sample each); a scalar or string fills {@code scalar} or {@code string}.
     */
    @Unmasked
    public record QueryResult(ResultType resultType, List<Series> series, Optional<Sample> scalar,
                              Optional<String> string, List<String> warnings) {
        public QueryResult {
            series = List.copyOf(series);
            warnings = List.copyOf(warnings);
        }
    }

    @Unmasked
    public record MetricMetadata(String type, String help, String unit) {
    }

    @Unmasked
    public record RuleGroup(String name, String file, double intervalSeconds, List<Rule> rules) {
        public RuleGroup {
            rules = List.copyOf(rules);
        }
    }

    /** An alerting or recording rule, with the alerts it holds when it is an alerting rule. */
    @Unmasked
    public record Rule(String type, String name, String query, String health, Optional<String> state,
                       Map<String, String> labels, Map<String, String> annotations, List<Alert> alerts) {
        public Rule {
            labels = Map.copyOf(labels);
            annotations = Map.copyOf(annotations);
            alerts = List.copyOf(alerts);
        }
    }

    @Unmasked
    public record Alert(Map<String, String> labels, Map<String, String> annotations, String state,
                        Optional<Instant> activeAt, String value) {
        public Alert {
            labels = Map.copyOf(labels);
            annotations = Map.copyOf(annotations);
        }
    }
}
