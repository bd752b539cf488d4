package dev.periscope.metrics.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.periscope.metrics.prometheus.PrometheusData.ResultType;
import dev.periscope.metrics.prometheus.PrometheusException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoPrometheusTest {

    static final Instant T = Instant.parse("2026-11-22T10:10:00Z");
    final DemoPrometheus demo = new DemoPrometheus();

    @Test
    void every_answer_is_marked_as_demo_data() {
        assertThat(demo.query("up", T).warnings()).containsExactly(DemoPrometheus.DEMO_WARNING);
        assertThat(demo.queryRange("up", T, T.plusSeconds(60), Duration.ofSeconds(15)).warnings())
                .containsExactly(DemoPrometheus.DEMO_WARNING);
    }

    @Test
    void selects_series_by_name_and_matchers() {
        var result = demo.query("up{team=\"web\"}", T);
        assertThat(result.resultType()).isEqualTo(ResultType.VECTOR);
        assertThat(result.series()).extracting(s -> s.labels().get("service"))
                .containsExactlyInAnyOrder("gateway", "search");
        assertThat(result.series()).allSatisfy(s -> assertThat(s.samples().getFirst().value()).isEqualTo(1));
    }

    @Test
    void rate_of_a_counter_agrees_with_its_increase() {
        double rate = demo.query("sum(rate(http_requests_total{service=\"gateway\"}[5m]))", T).series().getFirst()
                .samples().getFirst().value();
        double increase = demo.query("sum(increase(http_requests_total{service=\"gateway\"}[5m]))", T).series()
                .getFirst().samples().getFirst().value();
        assertThat(rate).isGreaterThan(10);
        assertThat(increase).isCloseTo(rate * 300, within(1e-6 * increase));
    }

    @Test
    void checkout_errors_spike_at_minute_twenty_of_every_hour() {
        String ratio = "sum by (service) (rate(http_requests_total{service=\"checkout\", status=\"500\"}[1m]))"
                + " / sum by (service) (rate(http_requests_total{service=\"checkout\"}[1m]))";
        double calm = demo.query(ratio, Instant.parse("2026-11-22T10:10:00Z")).series().getFirst().samples()
                .getFirst().value();
        var spike = demo.query(ratio, Instant.parse("2026-11-22T10:22:00Z")).series().getFirst();
        assertThat(spike.labels()).containsEntry("service", "checkout").doesNotContainKey("__name__");
        assertThat(calm).isCloseTo(0.01, within(0.001));
        assertThat(spike.samples().getFirst().value()).isGreaterThan(0.3);
    }

    @Test
    void computes_latency_quantiles_from_the_histogram() {
        var p99 = demo.query("histogram_quantile(0.99, sum by (le, service) "
                + "(rate(http_request_duration_seconds_bucket[5m])))", T);
        assertThat(p99.series()).hasSize(9)
                .allSatisfy(s -> assertThat(s.samples().getFirst().value()).isBetween(0.01, 2.5));
        String checkout = "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket"
                + "{service=\"checkout\"}[1m])))";
        double calm = demo.query(checkout, T).series().getFirst().samples().getFirst().value();
        double spike = demo.query(checkout, Instant.parse("2026-11-22T10:22:00Z")).series().getFirst().samples()
                .getFirst().value();
        assertThat(spike).isGreaterThan(calm * 1.5);
    }

    @Test
    void a_range_query_has_one_sample_per_step() {
        var result = demo.queryRange("sum by (area) (jvm_memory_used_bytes{service=\"orders\"})", T,
                T.plus(Duration.ofMinutes(10)), Duration.ofMinutes(1));
        assertThat(result.resultType()).isEqualTo(ResultType.MATRIX);
        assertThat(result.series()).hasSize(2).allSatisfy(s -> assertThat(s.samples()).hasSize(11));
    }

    @Test
    void answers_series_labels_and_values_for_completion() {
        assertThat(demo.labelValues("service", List.of("{team=\"web\"}"), T, T)).containsExactly("gateway", "search");
        assertThat(demo.labels(List.of("jvm_memory_used_bytes"), T, T)).contains("area", "service", "__name__");
        assertThat(demo.metadata(java.util.Optional.empty())).containsKey("http_requests_total");
    }

    @Test
    void refuses_what_it_cannot_evaluate_with_a_clear_message() {
        assertThatThrownBy(() -> demo.query("label_replace(up, \"a\", \"$1\", \"service\", \"(.*)\")", T))
                .isInstanceOf(PrometheusException.class)
                .hasMessageContaining("demo metrics source does not evaluate the function label_replace()")
                .satisfies(e -> assertThat(((PrometheusException) e).kind()).isEqualTo(PrometheusException.Kind.BAD_QUERY));
    }

    @Test
    void a_day_at_one_minute_steps_over_every_series_is_answered() {
        long started = System.nanoTime();
        var result = demo.queryRange("sum by (service) (rate(http_requests_total[5m]))", T.minus(Duration.ofDays(1)), T,
                Duration.ofMinutes(1));
        System.out.printf("demo range query: 1441 steps x 81 series in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertThat(result.series()).hasSize(9).allSatisfy(s -> assertThat(s.samples()).hasSize(1441));
    }

    @Test
    void the_demo_always_has_firing_and_pending_alerts_with_their_rules() {
        var at = new DemoPrometheus(java.time.Clock.fixed(T, java.time.ZoneOffset.UTC));
        assertThat(at.alerts()).extracting(a -> a.state()).contains("firing", "pending");
        assertThat(at.alerts()).allSatisfy(a -> assertThat(a.activeAt()).hasValueSatisfying(t ->
                assertThat(t).isBeforeOrEqualTo(T)));
        var checkout = at.alerts().stream().filter(a -> "checkout".equals(a.labels().get("service"))).findFirst()
                .orElseThrow();
        // Checkout's error spike starts at minute 20 of every hour; at 10:10 the last one began at 09:20.
        assertThat(checkout.activeAt()).contains(Instant.parse("2026-11-22T09:20:00Z"));
        assertThat(at.rules().getFirst().rules()).allSatisfy(r -> {
            assertThat(r.type()).isEqualTo("alerting");
            assertThat(r.alerts()).hasSize(1);
            dev.periscope.metrics.promql.PromQlParser.parse(r.query());
        });
    }
}
