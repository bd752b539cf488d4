package dev.periscope.metrics.demo;

import dev.periscope.metrics.prometheus.PrometheusData.Alert;
import dev.periscope.metrics.prometheus.PrometheusData.Rule;
import dev.periscope.metrics.prometheus.PrometheusData.RuleGroup;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's alerting rules and the alerts they hold at a given time: some firing and some pending at every moment,
 * so the alert list always has something to show. One follows the data (checkout's error spike starts at minute 20
 * of every hour), one has no {@code service} label (only a role that sees every series sees it), and one carries
 * personal data in its description, for the masking to show.
 */
final class DemoAlerts {

    private record Def(String name, String query, String state, Map<String, String> labels,
                       Map<String, String> annotations, Duration age, String value) {
    }

    private DemoAlerts() {
    }

    static List<RuleGroup> rules(Instant now) {
        var rules = new ArrayList<Rule>();
        for (Def d : defs(now)) {
            rules.add(new Rule("alerting", d.name(), d.query(), "ok", Optional.of(d.state()), d.labels(),
                    d.annotations(), List.of(alert(d, now))));
        }
        return List.of(new RuleGroup("demo-alerts", "demo", 30, rules));
    }

    static List<Alert> alerts(Instant now) {
        return defs(now).stream().map(d -> alert(d, now)).toList();
    }

    private static Alert alert(Def d, Instant now) {
        var labels = new LinkedHashMap<String, String>();
        labels.put("alertname", d.name());
        labels.putAll(d.labels());
        return new Alert(labels, d.annotations(), d.state(),
                Optional.of(now.minus(d.age()).truncatedTo(ChronoUnit.SECONDS)), d.value());
    }

    private static List<Def> defs(Instant now) {
        // The most recent start of checkout's error spike: minute 20 of this hour, or of the last one.
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        Instant spike = hour.plus(Duration.ofMinutes(20));
        if (spike.isAfter(now)) {
            spike = spike.minus(Duration.ofHours(1));
        }
        return List.of(
                new Def("HighErrorRate",
                        "sum by (service, team) (rate(http_requests_total{status=~\"5..\"}[1m])) / sum by (service, team)"
                                + " (rate(http_requests_total[1m])) > 0.05",
                        "firing", Map.of("service", "checkout", "team", "commerce", "severity", "page"),
                        Map.of("summary", "More than 5% of checkout's requests fail",
                                "description", "5xx responses rose at the start of the hourly spike.",
                                "dashboard", "checkout", "unit", "percent"),
                        Duration.between(spike, now), "0.117"),
                new Def("HighLatencyP99",
                        "histogram_quantile(0.99, sum by (le, service, team) "
                                + "(rate(http_request_duration_seconds_bucket[5m]))) > 0.25",
                        "pending", Map.of("service", "search", "team", "web", "severity", "ticket"),
                        Map.of("summary", "search answers slowly: p99 above 250 ms", "unit", "seconds"),
                        Duration.ofMinutes(3).plusSeconds(now.getEpochSecond() % 60), "0.31"),
                new Def("PaymentDeclinesRising",
                        "sum(rate(http_requests_total{service=\"payments\", status=\"402\"}[5m])) > 1",
                        "firing", Map.of("service", "payments", "team", "commerce", "severity", "page"),
                        Map.of("summary", "Card declines are rising",
                                "description", "Last declined: alice.moreau@example.com, card 4111 1111 1111 1111.",
                                "dashboard", "payments"),
                        Duration.ofMinutes(37), "1.8"),
                new Def("NodeDiskFilling",
                        "predict_linear(node_filesystem_avail_bytes[6h], 24 * 3600) < 0",
                        "pending", Map.of("job", "node", "instance", "node-1:9100", "severity", "warning"),
                        Map.of("summary", "The disk of node-1 fills within a day"),
                        Duration.ofMinutes(12), "-1.2e9"));
    }
}
