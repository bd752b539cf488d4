package dev.periscope.metrics.prometheus;

import dev.periscope.metrics.prometheus.PrometheusData.Alert;
import dev.periscope.metrics.prometheus.PrometheusData.MetricMetadata;
import dev.periscope.metrics.prometheus.PrometheusData.QueryResult;
import dev.periscope.metrics.prometheus.PrometheusData.RuleGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port to a Prometheus-compatible query API. Every method throws {@link PrometheusException} when the backend
 * is down, slow, or refuses; queries and selectors must already be scoped.
 */
public interface PrometheusApi {

    QueryResult query(String promql, Instant time);

    QueryResult queryRange(String promql, Instant start, Instant end, Duration step);

    List<Map<String, String>> series(List<String> selectors, Instant start, Instant end);

    List<String> labels(List<String> selectors, Instant start, Instant end);

    List<String> labelValues(String label, List<String> selectors, Instant start, Instant end);

    Map<String, List<MetricMetadata>> metadata(Optional<String> metric);

    List<RuleGroup> rules();

    List<Alert> alerts();
}
