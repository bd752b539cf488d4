package dev.periscope.metrics;

import dev.periscope.audit.RecordingAuditTrail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.periscope.audit.AuditEntry;
import dev.periscope.masking.MaskedText;
import dev.periscope.masking.TokenizingMaskerDouble;
import dev.periscope.metrics.MetricScope.ScopeMatcher;
import dev.periscope.metrics.prometheus.PrometheusClient;
import dev.periscope.metrics.prometheus.PrometheusConnection;
import dev.periscope.metrics.prometheus.PrometheusHarness;
import dev.periscope.metrics.prometheus.RedData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A user scoped to {@code team="web"} against a real Prometheus that also holds the series of teams {@code ops}
 * and {@code payments}: no query shows them another team's series, and aggregates count only the web team's.
 */
class MetricsScopingIT {

    static final PrometheusHarness PROMETHEUS = PrometheusHarness.instance();
    static final Instant MID = RedData.START.plus(Duration.ofHours(1));
    static final AuditEntry.Actor WEB_ONCALL = new AuditEntry.Actor("wendy", List.of("oncall-web"), "s", "127.0.0.1", "it");
    static final MetricScope WEB = new MetricScope(List.of(ScopeMatcher.equal("team", "web")), Duration.ofDays(7), Set.of());

    /** Everything that would give another team's data away if it showed up in a result. */
    static final Set<String> FOREIGN = Set.of("ops", "payments", "search", "node", "node-1:9100", "search-0:8080",
            "payments-0:8080", RedData.OPS_USER_EMAIL);

    final RecordingAuditTrail audit = new RecordingAuditTrail();
    final MetricsService service = new MetricsService(
            new PrometheusClient(PrometheusConnection.of(PROMETHEUS.baseUrl())), new TokenizingMaskerDouble(), audit,
            Clock.systemUTC());

    /** The web team's series: 2 services x 2 routes x 2 codes requests, 2 x 4 buckets, 1 logins. */
    static final int WEB_SERIES = 8 + 8 + 1;
    static final double WEB_RATE = RedData.SERVICES.stream().filter(s -> s.team().equals("web"))
            .mapToDouble(RedData::totalRate).sum();

    static void assertNothingForeign(MaskedQueryResult result, String query) {
        for (MaskedSeries s : result.series()) {
            Map<String, String> labels = s.labels().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().text()));
            // A query may write anything into the team label (label_join, count_values), but only onto web data.
            assertThat(labels.values()).as(query + " -> " + labels).doesNotContainAnyElementsOf(FOREIGN);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{__name__=~\".+\"}",
            "{__name__=~\".+\", team=\"ops\"}",
            "http_requests_total{team=~\".*\"}",
            "http_requests_total{team!=\"web\"}",
            "http_requests_total{team=~\"web|ops|payments\"}",
            "http_requests_total{team=\"web\", team=\"ops\"}",
            "http_requests_total{service=\"search\"} or http_requests_total",
            "http_requests_total or on() vector(1)",
            "label_replace(http_requests_total{team=\"ops\"}, \"team\", \"web\", \"\", \"\")",
            "label_replace({__name__=~\".+\"}, \"team\", \"web\", \"team\", \".*\")",
            "label_join({__name__=~\".+\"}, \"team\", \"\", \"service\")",
            "sum by (team, service) ({__name__=~\".+\"})",
            "count_values(\"team\", count by (team) ({__name__=~\".+\"}))",
            "max_over_time({__name__=\"http_requests_total\", team=\"ops\"}[1h:5m])",
            "rate(http_requests_total{team=\"payments\"}[5m] offset 30m)",
            "http_requests_total{team=\"ops\"} @ 1767229200",
            "last_over_time({job=\"node\"}[1h])",
            "topk(1000, {__name__=~\"node_.*\"})",
            "{team=\"ops\", __name__=~\"node_.*|http_.*|logins.*\"} unless {team=\"web\", __name__=\"none\"}",
            "sum by (user) (logins_total{user=\"olivia@example.com\"})",
            "{__name__=~\".+\"} / ignoring(team) group_left {__name__=~\".+\", team=\"ops\"}",
            "absent_over_time({team=\"ops\"}[1h])",
            "-{__name__=~\".+\"} + 0",
            "sort_desc(count by (__name__, team) ({__name__=~\".+\"}))",
    })
    void a_web_user_sees_no_series_of_another_team(String query) {
        MaskedQueryResult result;
        try {
            result = service.query(WEB_ONCALL, WEB, query, MID);
        } catch (MetricsBackendException e) {
            // Prometheus may reject a join (e.g. many-to-many); a rejection shows nothing either.
            assertThat(e.getMessage()).doesNotContain(FOREIGN);
            return;
        }
        assertNothingForeign(result, query);
        var range = service.queryRange(WEB_ONCALL, WEB, query, MID, MID.plus(Duration.ofMinutes(10)), Duration.ofMinutes(1));
        assertNothingForeign(range, query);
    }

    private double scalarOf(String query) {
        var result = service.query(WEB_ONCALL, WEB, query, MID);
        if (result.series().isEmpty()) {
            return 0;
        }
        return result.series().getFirst().points().getFirst().value();
    }

    @Test
    void aggregates_count_only_the_web_teams_series_whatever_the_query_asks_for() {
        assertThat(scalarOf("count({__name__=~\".+\"})")).isEqualTo(WEB_SERIES);
        assertThat(scalarOf("count({__name__=~\".+\", team=~\".*\"})")).isEqualTo(WEB_SERIES);
        // Another team's label narrows the scope to nothing rather than widening it.
        assertThat(scalarOf("count(http_requests_total{team=\"ops\"})")).isZero();
        assertThat(scalarOf("count(node_load1)")).isZero();
        assertThat(scalarOf("count(label_replace({job=\"node\"}, \"team\", \"web\", \"\", \"\"))")).isZero();
        assertThat(scalarOf("sum(rate(http_requests_total[5m]))")).isCloseTo(WEB_RATE, within(1e-9));
        assertThat(scalarOf("sum(rate(http_requests_total{team=\"payments\"}[5m]))")).isZero();
        assertThat(scalarOf("sum(rate(http_requests_total{team=\"web\"}[5m]))")).isCloseTo(WEB_RATE, within(1e-9));
        assertThat(scalarOf("sum(rate(http_requests_total{service=\"search\"}[5m]))")).isZero();
        assertThat(scalarOf("count(count by (team) ({__name__=~\".+\"}))")).isEqualTo(1);
    }

    @Test
    void values_match_the_generated_data() {
        for (var s : RedData.SERVICES.stream().filter(s -> s.team().equals("web")).toList()) {
            assertThat(scalarOf("sum(rate(http_requests_total{service=\"" + s.name() + "\"}[5m]))"))
                    .isCloseTo(RedData.totalRate(s), within(1e-9));
        }
        var range = service.queryRange(WEB_ONCALL, WEB, "sum by (code) (rate(http_requests_total[5m]))", MID,
                MID.plus(Duration.ofMinutes(20)), Duration.ofMinutes(1));
        assertThat(range.series()).hasSize(2);
        for (MaskedSeries s : range.series()) {
            double expected = s.labels().get("code").text().equals("500") ? WEB_RATE / 11 : WEB_RATE * 10 / 11;
            assertThat(s.points()).hasSize(21).allSatisfy(p -> assertThat(p.value()).isCloseTo(expected, within(1e-9)));
        }
    }

    @Test
    void an_absent_check_cannot_reveal_that_another_teams_series_exists() {
        // search is an ops service: for a web user it does not exist, so absent() says 1.
        assertThat(scalarOf("absent(http_requests_total{service=\"search\"})")).isEqualTo(1);
        assertThat(scalarOf("absent(http_requests_total{service=\"checkout\"})")).isZero();
    }

    @Test
    void label_values_are_masked_and_series_stay_distinct() {
        var result = service.query(WEB_ONCALL, WEB, "logins_total", MID);
        assertThat(result.series()).hasSize(1);
        MaskedText user = result.series().getFirst().labels().get("user");
        assertThat(user.text()).startsWith("<email:").doesNotContain(RedData.WEB_USER_EMAIL);
        assertThat(audit.completed.values()).anySatisfy(o -> assertThat(o.rulesFired()).containsKey("email"));
    }

    @Test
    void alerts_are_read_within_the_scope() throws InterruptedException {
        // The harness's always-firing rules carry team="web" and team="ops"; rules are evaluated at wall-clock time.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        MaskedQueryResult alerts = service.alerts(WEB_ONCALL, WEB, Instant.now());
        while (alerts.series().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            alerts = service.alerts(WEB_ONCALL, WEB, Instant.now());
        }
        assertThat(alerts.series()).anySatisfy(s -> assertThat(s.labels().get("alertname").text()).isEqualTo("AlwaysFiring"));
        assertThat(alerts.series()).noneSatisfy(s -> assertThat(s.labels().get("team").text()).isEqualTo("ops"));
        var ops = new MetricScope(List.of(ScopeMatcher.equal("team", "ops")), Duration.ofDays(7), Set.of());
        assertThat(service.alerts(WEB_ONCALL, ops, Instant.now()).series())
                .allSatisfy(s -> assertThat(s.labels().get("alertname").text()).isEqualTo("OpsAlwaysFiring"));
    }

    @Test
    void the_alerts_api_shows_a_web_user_only_the_web_teams_firing_and_pending_alerts() throws InterruptedException {
        var all = MetricScope.allSeries(Duration.ofDays(7), Set.of());
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (service.activeAlerts(WEB_ONCALL, all, "").size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(service.activeAlerts(WEB_ONCALL, all, "")).extracting(a -> a.name().text())
                .contains("AlwaysFiring", "OpsAlwaysFiring", "WebPendingForAnHour");

        List<MaskedAlert> web = service.activeAlerts(WEB_ONCALL, WEB, "");
        assertThat(web).extracting(a -> a.name().text() + " " + a.state())
                .containsExactly("AlwaysFiring FIRING", "WebPendingForAnHour PENDING");
        MaskedAlert pending = web.get(1);
        assertThat(pending.annotations().get("summary").text()).contains("<email:").doesNotContain("olivia@");
        assertThat(pending.annotations().get("dashboard").text()).isEqualTo("checkout");
        assertThat(pending.expression()).map(MaskedText::text).contains("vector(1) > 0");
        assertThat(pending.activeAt()).isPresent();
        assertThat(audit.begun).anySatisfy(e -> assertThat(e.action()).isEqualTo("metrics.alerts"));

        var ops = new MetricScope(List.of(ScopeMatcher.equal("team", "ops")), Duration.ofDays(7), Set.of());
        assertThat(service.activeAlerts(WEB_ONCALL, ops, "")).extracting(a -> a.name().text())
                .containsExactly("OpsAlwaysFiring");
        assertThat(service.activeAlerts(WEB_ONCALL, WEB, "{service=\"checkout\"}")).extracting(a -> a.name().text())
                .containsExactly("WebPendingForAnHour");
    }

    @Test
    void metadata_apis_answer_only_within_the_scope() {
        var start = RedData.START;
        var end = RedData.end();
        assertThat(service.series(WEB_ONCALL, WEB, List.of("{__name__=~\".+\"}"), start, end))
                .hasSize(WEB_SERIES)
                .allSatisfy(labels -> assertThat(labels.get("team").text()).isEqualTo("web"));
        assertThat(service.labelNames(WEB_ONCALL, WEB, List.of(), start, end)).doesNotContain("cpu", "mode", "device");
        assertThat(service.labelValues(WEB_ONCALL, WEB, "team", List.of(), start, end))
                .extracting(MaskedText::text).containsExactly("web");
        assertThat(service.labelValues(WEB_ONCALL, WEB, "service", List.of("{team=\"web\"}"), start, end))
                .extracting(MaskedText::text).containsExactly("checkout", "frontend");
        // Another team's matcher narrows the web scope to nothing: it never reaches the ops team's services.
        assertThat(service.labelValues(WEB_ONCALL, WEB, "service", List.of("{team=\"ops\"}"), start, end)).isEmpty();
    }

    @Test
    void a_policy_scope_of_every_team_but_one_never_shows_that_team() {
        // What MetricAccessResolver makes of {include: ["*"], exclude: [ops]}: two matchers on the same label.
        var allButOps = new MetricScope(List.of(new ScopeMatcher("team", ScopeMatcher.Op.REGEX, ".+"),
                new ScopeMatcher("team", ScopeMatcher.Op.NOT_REGEX, "ops")), Duration.ofDays(7), Set.of());
        var teams = service.query(WEB_ONCALL, allButOps, "count by (team) ({__name__=~\".+\", team=\"ops\"} "
                + "or {__name__=~\".+\"})", MID).series().stream().map(x -> x.labels().get("team").text()).toList();
        assertThat(teams).contains("web").doesNotContain("ops", "");
        assertThat(service.labelValues(WEB_ONCALL, allButOps, "team", List.of(), RedData.START, RedData.end()))
                .extracting(MaskedText::text).contains("web").doesNotContain("ops");
    }

    @Test
    void a_policy_scope_of_all_series_reads_every_team_but_keeps_the_range_limit() {
        var all = MetricScope.allSeries(Duration.ofDays(7), Set.of());
        var teams = service.query(WEB_ONCALL, all, "count by (team) (http_requests_total)", MID).series().stream()
                .map(x -> x.labels().get("team").text()).toList();
        assertThat(teams).contains("web", "ops");
        assertThat(service.series(WEB_ONCALL, all, List.of(), RedData.START, RedData.START.plusSeconds(60))).isNotEmpty();
    }
}
