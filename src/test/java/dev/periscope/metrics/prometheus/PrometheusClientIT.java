package dev.periscope.metrics.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.periscope.metrics.prometheus.PrometheusData.ResultType;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The client against a real Prometheus holding the generated RED data and the node_exporter corpus. */
class PrometheusClientIT {

    static final PrometheusHarness PROMETHEUS = PrometheusHarness.instance();
    static final Instant MID = RedData.START.plus(Duration.ofHours(1));

    final PrometheusClient client = new PrometheusClient(PrometheusConnection.of(PROMETHEUS.baseUrl()));

    @Test
    void an_instant_query_returns_the_generated_rates() {
        for (var s : RedData.SERVICES) {
            var result = client.query("sum(rate(http_requests_total{service=\"" + s.name() + "\"}[5m]))", MID);
            assertThat(result.resultType()).isEqualTo(ResultType.VECTOR);
            assertThat(result.series().getFirst().samples().getFirst().value())
                    .isCloseTo(RedData.totalRate(s), within(1e-9));
            assertThat(result.series().getFirst().samples().getFirst().timestamp()).isEqualTo(MID.getEpochSecond());
        }
        var one = client.query("rate(http_requests_total{service=\"checkout\", route=\"/api/items\", code=\"500\"}[5m])", MID);
        assertThat(one.series().getFirst().labels()).containsEntry("team", "web").containsEntry("code", "500");
        assertThat(one.series().getFirst().samples().getFirst().value()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void histogram_quantiles_come_out_of_the_generated_buckets() {
        var p90 = client.query("histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket"
                + "{service=\"payments\"}[5m])))", MID);
        assertThat(p90.series().getFirst().samples().getFirst().value()).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void a_range_query_returns_one_point_per_step() {
        var result = client.queryRange("sum(rate(http_requests_total{team=\"web\"}[5m]))", MID,
                MID.plus(Duration.ofMinutes(30)), Duration.ofMinutes(1));
        assertThat(result.resultType()).isEqualTo(ResultType.MATRIX);
        assertThat(result.series().getFirst().samples()).hasSize(31)
                .allSatisfy(p -> assertThat(p.value()).isCloseTo(99.0, within(1e-9)));
    }

    @Test
    void scalars_and_strings_come_back_typed() {
        assertThat(client.query("scalar(count(logins_total))", MID).scalar().orElseThrow().value()).isEqualTo(2);
        assertThat(client.query("\"hello\"", MID).string()).contains("hello");
    }

    @Test
    void the_node_exporter_corpus_is_queryable() {
        var result = client.query("count({job=\"node\"})", MID);
        assertThat(result.series().getFirst().samples().getFirst().value()).isEqualTo(PROMETHEUS.nodeSeries);
        var load = client.query("node_load1{instance=\"node-1:9100\"}", MID);
        assertThat(load.series()).hasSize(1);
        assertThat(load.series().getFirst().labels()).containsEntry("team", "ops");
    }

    @Test
    void series_labels_and_label_values_answer_for_the_selectors() {
        var window = List.of(RedData.START, RedData.end());
        assertThat(client.series(List.of("logins_total"), window.get(0), window.get(1))).hasSize(2);
        assertThat(client.labels(List.of("http_requests_total"), window.get(0), window.get(1)))
                .contains("service", "team", "route", "code").doesNotContain("cpu");
        assertThat(client.labelValues("team", List.of("http_requests_total"), window.get(0), window.get(1)))
                .containsExactly("ops", "payments", "web");
    }

    @Test
    void rules_and_alerts_show_the_always_firing_rule() throws InterruptedException {
        assertThat(client.rules()).anySatisfy(g -> assertThat(g.rules()).anySatisfy(r ->
                assertThat(r.name()).isEqualTo("AlwaysFiring")));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (client.alerts().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(client.alerts()).anySatisfy(a -> {
            assertThat(a.labels()).containsEntry("alertname", "AlwaysFiring");
            assertThat(a.state()).isEqualTo("firing");
        });
        assertThat(client.metadata(Optional.empty())).isNotNull();
    }

    @Test
    void a_query_prometheus_rejects_is_a_bad_query_with_its_reason() {
        assertThatThrownBy(() -> client.query("sum(", MID))
                .isInstanceOfSatisfying(PrometheusException.class,
                        e -> assertThat(e.kind()).isEqualTo(PrometheusException.Kind.BAD_QUERY))
                .hasMessageContaining("bad_data");
    }

    @Test
    void a_wrong_port_reads_as_unreachable() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var down = new PrometheusClient(PrometheusConnection.of(URI.create("http://127.0.0.1:" + port)));
        assertThatThrownBy(() -> down.query("up", MID))
                .isInstanceOfSatisfying(PrometheusException.class,
                        e -> assertThat(e.kind()).isEqualTo(PrometheusException.Kind.UNREACHABLE));
    }
}
