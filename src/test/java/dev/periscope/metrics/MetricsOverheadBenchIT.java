package dev.periscope.metrics;

import dev.periscope.audit.RecordingAuditTrail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.periscope.audit.AuditEntry;
import dev.periscope.masking.TokenizingMaskerDouble;
import dev.periscope.metrics.MetricScope.ScopeMatcher;
import dev.periscope.metrics.promql.LabelMatcher;
import dev.periscope.metrics.promql.PromQlScoper;
import dev.periscope.metrics.prometheus.PrometheusClient;
import dev.periscope.metrics.prometheus.PrometheusConnection;
import dev.periscope.metrics.prometheus.PrometheusData;
import dev.periscope.metrics.prometheus.PrometheusHarness;
import dev.periscope.metrics.prometheus.RedData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The portal's overhead over a direct Prometheus query: the same scoped query sent by the bare client, and through
 * the metrics service (parse, scope, print, verify, audit, mask). Runs alternate so both see the same server state;
 * the figures are printed for docs/benchmarks.md. The masker and audit trail are in-memory doubles, so the figure is
 * the metrics path's own cost, not the masking engine's or the audit store's.
 */
class MetricsOverheadBenchIT {

    static final int WARMUP = 100;
    static final int RUNS = 300;

    record Case(String name, String query, boolean range) {
    }

    static final List<Case> CASES = List.of(
            new Case("instant, 17 series", "{__name__=~\".+\"}", false),
            new Case("instant, RED error ratio", "sum by (service) (rate(http_requests_total{code=~\"5..\"}[5m])) "
                    + "/ sum by (service) (rate(http_requests_total[5m]))", false),
            new Case("range 1 h / 15 s, 8 series x 241 points", "rate(http_requests_total[5m])", true),
            new Case("range 1 h / 15 s, p99 latency, 2 series", "histogram_quantile(0.99, sum by (service, le) "
                    + "(rate(http_request_duration_seconds_bucket[5m])))", true));

    @Test
    void portal_overhead_over_a_direct_query_is_at_most_ten_milliseconds_at_the_median() {
        var harness = PrometheusHarness.instance();
        var client = new PrometheusClient(PrometheusConnection.of(harness.baseUrl()));
        var scope = new MetricScope(List.of(ScopeMatcher.equal("team", "web")), Duration.ofDays(7), Set.of());
        var service = new MetricsService(client, new TokenizingMaskerDouble(), new RecordingAuditTrail(), Clock.systemUTC());
        var actor = new AuditEntry.Actor("bench", List.of("oncall-web"), "s", "127.0.0.1", "bench");
        var scoper = new PromQlScoper(List.of(LabelMatcher.equal("team", "web")), Duration.ofDays(7));
        Instant t = RedData.START.plus(Duration.ofHours(1));
        Instant start = t;
        Instant end = t.plus(Duration.ofHours(1));

        var report = new StringBuilder("| query | direct p50 | portal p50 | overhead p50 | overhead p90 |\n|---|---|---|---|---|\n");
        for (Case c : CASES) {
            String scoped = scoper.scope(c.query());
            Runnable direct = c.range()
                    ? () -> client.queryRange(scoped, start, end, RedData.STEP)
                    : () -> client.query(scoped, t);
            Runnable portal = c.range()
                    ? () -> service.queryRange(actor, scope, c.query(), start, end, RedData.STEP)
                    : () -> service.query(actor, scope, c.query(), t);

            // Correctness against the simple reference: the portal returns the direct answer's values.
            PrometheusData.QueryResult reference = c.range() ? client.queryRange(scoped, start, end, RedData.STEP)
                    : client.query(scoped, t);
            MaskedQueryResult viaPortal = c.range() ? service.queryRange(actor, scope, c.query(), start, end, RedData.STEP)
                    : service.query(actor, scope, c.query(), t);
            assertThat(viaPortal.series()).hasSameSizeAs(reference.series());
            double refSum = reference.series().stream().flatMap(s -> s.samples().stream())
                    .mapToDouble(PrometheusData.Sample::value).filter(Double::isFinite).sum();
            double portalSum = viaPortal.series().stream().flatMap(s -> s.points().stream())
                    .mapToDouble(Point::value).filter(Double::isFinite).sum();
            assertThat(portalSum).isCloseTo(refSum, within(1e-6 * Math.max(1, Math.abs(refSum))));

            for (int i = 0; i < WARMUP; i++) {
                direct.run();
                portal.run();
            }
            long[] d = new long[RUNS];
            long[] p = new long[RUNS];
            long[] diff = new long[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long a = System.nanoTime();
                direct.run();
                long b = System.nanoTime();
                portal.run();
                long e = System.nanoTime();
                d[i] = b - a;
                p[i] = e - b;
                diff[i] = p[i] - d[i];
            }
            report.append(String.format("| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n", c.name(), ms(pct(d, 50)),
                    ms(pct(p, 50)), ms(pct(diff, 50)), ms(pct(diff, 90))));
            assertThat(ms(pct(diff, 50))).as(c.name() + " overhead p50 in ms").isLessThanOrEqualTo(10.0);
        }
        System.out.println("Metrics overhead (" + RUNS + " runs after " + WARMUP + " warm-up, "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version() + "):\n" + report);
    }

    private static long pct(long[] values, int percentile) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
