package dev.periscope.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.audit.RecordingAuditTrail;
import dev.periscope.masking.MaskedText;
import dev.periscope.masking.TokenizingMaskerDouble;
import dev.periscope.metrics.MetricScope.ScopeMatcher;
import dev.periscope.metrics.prometheus.PrometheusData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActiveAlertsTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:30:00Z");
    static final MetricScope WEB = MetricsServiceTest.WEB;
    /** What the demo policy gives developers: every service but payments. */
    static final MetricScope ALL_BUT_PAYMENTS = new MetricScope(List.of(
            new ScopeMatcher("service", ScopeMatcher.Op.REGEX, ".+"),
            new ScopeMatcher("service", ScopeMatcher.Op.NOT_REGEX, "payments")), Duration.ofDays(7), Set.of());

    /** A Prometheus whose alerts API holds one alert per team, one without a team, and their rules. */
    static class AlertingPrometheus extends MetricsServiceTest.FakePrometheus {
        final List<PrometheusData.Alert> alerts = new ArrayList<>(List.of(
                alert("WebDown", "firing", Map.of("team", "web", "service", "search"), "search is down",
                        "2026-11-22T10:00:00Z"),
                alert("WebSlow", "pending", Map.of("team", "web", "service", "gateway"), "gateway is slow",
                        "2026-11-22T10:25:00Z"),
                alert("WebErrors", "firing", Map.of("team", "web", "service", "gateway"),
                        "errors for alice@example.com", "2026-11-22T10:20:00Z"),
                alert("OpsDiskFull", "firing", Map.of("team", "ops", "service", "payments"), "disk", "2026-11-22T09:00:00Z"),
                alert("NoTeam", "firing", Map.of("instance", "node-1:9100"), "no team label", "2026-11-22T09:30:00Z")));
        int fetches;

        static PrometheusData.Alert alert(String name, String state, Map<String, String> labels, String summary,
                                          String activeAt) {
            var all = new java.util.HashMap<>(labels);
            all.put("alertname", name);
            return new PrometheusData.Alert(all, Map.of("summary", summary), state,
                    Optional.of(Instant.parse(activeAt)), "1");
        }

        @Override
        public List<PrometheusData.Alert> alerts() {
            fetches++;
            return alerts;
        }

        @Override
        public List<PrometheusData.RuleGroup> rules() {
            return List.of(new PrometheusData.RuleGroup("g", "rules.yml", 30, alerts.stream()
                    .map(a -> new PrometheusData.Rule("alerting", a.labels().get("alertname"),
                            "up{instance=\"bob@example.com\"} == 0", "ok", Optional.of(a.state()), Map.of(), Map.of(),
                            List.of(a)))
                    .toList()));
        }
    }

    final AlertingPrometheus prometheus = new AlertingPrometheus();
    final RecordingAuditTrail audit = new RecordingAuditTrail();
    final MetricsService service = new MetricsService(prometheus, new TokenizingMaskerDouble(), audit,
            Clock.fixed(NOW, ZoneOffset.UTC));

    static List<String> names(List<MaskedAlert> alerts) {
        return alerts.stream().map(a -> a.name().text()).toList();
    }

    @Test
    void a_web_user_sees_only_the_web_teams_alerts_firing_first_and_newest_first() {
        assertThat(names(service.activeAlerts(MetricsServiceTest.ALICE, WEB, "")))
                .containsExactly("WebErrors", "WebDown", "WebSlow");
    }

    @Test
    void an_alert_without_the_scoped_label_is_hidden_from_a_restricted_scope() {
        assertThat(names(service.activeAlerts(MetricsServiceTest.ALICE, ALL_BUT_PAYMENTS, "")))
                .containsExactlyInAnyOrder("WebDown", "WebSlow", "WebErrors")
                .doesNotContain("OpsDiskFull", "NoTeam");
    }

    @Test
    void a_scope_of_all_series_sees_every_alert() {
        assertThat(names(service.activeAlerts(MetricsServiceTest.ALICE,
                MetricScope.allSeries(Duration.ofDays(1), Set.of()), ""))).hasSize(5);
    }

    @Test
    void a_selector_narrows_the_alerts_but_cannot_widen_the_scope() {
        assertThat(names(service.activeAlerts(MetricsServiceTest.ALICE, WEB, "{service=\"gateway\"}")))
                .containsExactly("WebErrors", "WebSlow");
        assertThat(service.activeAlerts(MetricsServiceTest.ALICE, WEB, "{team=\"ops\"}")).isEmpty();
        assertThat(service.activeAlerts(MetricsServiceTest.ALICE, WEB, "{team=~\"w.*\"}")).hasSize(3);
    }

    @Test
    void label_annotation_and_expression_values_are_masked() {
        MaskedAlert errors = service.activeAlerts(MetricsServiceTest.ALICE, WEB, "").getFirst();
        assertThat(errors.annotations().get("summary").text()).startsWith("errors for <email:")
                .doesNotContain("alice@");
        assertThat(errors.expression()).map(MaskedText::text).hasValueSatisfying(e ->
                assertThat(e).contains("<email:").doesNotContain("bob@"));
        assertThat(errors.state()).isEqualTo(MaskedAlert.State.FIRING);
        assertThat(errors.service()).contains("gateway");
        assertThat(errors.activeAt()).contains(Instant.parse("2026-11-22T10:20:00Z"));
    }

    @Test
    void the_fetch_is_audited_with_the_number_of_alerts_shown() {
        service.activeAlerts(MetricsServiceTest.ALICE, WEB, "");
        AuditEntry begun = audit.begun.getFirst();
        assertThat(begun.action()).isEqualTo("metrics.alerts");
        assertThat(begun.decision()).isEqualTo(AuditEntry.Decision.ALLOWED);
        assertThat(audit.outcomeOfLast().count()).isEqualTo(3);
    }

    @Test
    void nothing_is_fetched_when_the_audit_trail_is_unavailable() {
        audit.unavailable = true;
        assertThatThrownBy(() -> service.activeAlerts(MetricsServiceTest.ALICE, WEB, ""))
                .isInstanceOf(AuditUnavailableException.class);
        assertThat(prometheus.fetches).isZero();
    }

    @Test
    void a_selector_that_does_not_parse_is_refused_and_audited() {
        assertThatThrownBy(() -> service.activeAlerts(MetricsServiceTest.ALICE, WEB, "{service=}"))
                .isInstanceOf(MetricsQueryRefusedException.class).hasMessageContaining("not a label selector");
        assertThat(audit.recorded.getFirst().decision()).isEqualTo(AuditEntry.Decision.DENIED);
        assertThat(prometheus.fetches).isZero();
    }

    @Test
    void a_scope_that_restricts_nothing_by_mistake_sees_no_alerts() {
        var broken = new MetricScope(List.of(), Duration.ofDays(1), Set.of());
        assertThatThrownBy(() -> service.activeAlerts(MetricsServiceTest.ALICE, broken, ""))
                .isInstanceOf(MetricsQueryRefusedException.class);
        assertThat(prometheus.fetches).isZero();
    }

    @Test
    void the_filter_matches_as_a_selector_would_and_fails_closed() {
        var web = AlertScopeFilter.of(WEB);
        assertThat(web.admits(Map.of("team", "web"))).isTrue();
        assertThat(web.admits(Map.of("team", "webby"))).isFalse();
        assertThat(web.admits(Map.of())).isFalse();
        var regex = AlertScopeFilter.of(new MetricScope(List.of(new ScopeMatcher("service", ScopeMatcher.Op.REGEX,
                "check.*|gateway")), Duration.ofDays(1), Set.of()));
        assertThat(regex.admits(Map.of("service", "checkout"))).isTrue();
        assertThat(regex.admits(Map.of("service", "xgateway"))).isFalse();
        var unparsable = AlertScopeFilter.of(new MetricScope(List.of(new ScopeMatcher("service",
                ScopeMatcher.Op.REGEX, "(")), Duration.ofDays(1), Set.of()));
        assertThat(unparsable.admits(Map.of("service", "("))).isFalse();
    }
}
