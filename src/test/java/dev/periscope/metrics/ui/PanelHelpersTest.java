package dev.periscope.metrics.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.masking.MaskedText;
import dev.periscope.masking.MaskingContext;
import dev.periscope.masking.TokenizingMaskerDouble;
import dev.periscope.metrics.MaskedSeries;
import dev.periscope.metrics.Point;
import dev.periscope.metrics.promql.PromQlParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PanelHelpersTest {

    static MaskedText text(String s) {
        return new TokenizingMaskerDouble().mask(MaskingContext.strict(""), s);
    }

    @Test
    void the_step_gives_about_one_point_per_pixel_rounded_to_a_familiar_step() {
        assertThat(Steps.forWidth(Duration.ofHours(1), 1000)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Steps.forWidth(Duration.ofDays(1), 800)).isEqualTo(Duration.ofMinutes(2));
        assertThat(Steps.forWidth(Duration.ofMinutes(5), 2000)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Steps.forWidth(Duration.ofDays(30), 0)).isEqualTo(Duration.ofMinutes(60));
    }

    @Test
    void a_point_links_to_the_logs_of_its_service_for_that_minute() {
        assertThat(LogsLink.forPoint(Instant.parse("2026-11-22T10:22:41Z"), Optional.of("checkout")))
                .isEqualTo("logs?q=service%3A%22checkout%22&from=2026-11-22T10%3A22%3A00Z&to=2026-11-22T10%3A23%3A00Z");
        assertThat(LogsLink.forPoint(Instant.parse("2026-11-22T10:22:41Z"), Optional.empty()))
                .startsWith("logs?from=2026-11-22T10%3A22%3A00Z");
    }

    @Test
    void variables_become_exact_regexes_inside_a_valid_query() {
        String query = "sum(rate(http_requests_total{service=~\"$service\"}[5m]))";
        assertThat(DashboardView.substitute(query, Map.of("service", "All")))
                .isEqualTo("sum(rate(http_requests_total{service=~\".+\"}[5m]))");
        String tricky = DashboardView.substitute(query, Map.of("service", "a.b\"} or vector(1) #"));
        assertThat(tricky).isEqualTo("sum(rate(http_requests_total{service=~\"a\\\\.b\\\"\\\\} or vector\\\\(1\\\\) #\"}[5m]))");
        PromQlParser.parse(tricky);
    }

    @Test
    void chart_data_aligns_every_series_to_one_time_axis() {
        var a = new MaskedSeries("a", Map.of("service", text("web")), List.of(new Point(10, 1), new Point(20, 2)));
        var b = new MaskedSeries("b", Map.of("__name__", text("up")), List.of(new Point(20, 5), new Point(30, Double.NaN)));
        String json = TimeSeriesChart.config(List.of(a, b), ChartKind.STACKED, ChartUnit.BYTES);
        assertThat(json).isEqualTo("{\"kind\":\"stacked\",\"unit\":\"bytes\",\"x\":[10.0,20.0,30.0],"
                + "\"series\":[\"{service=\\\"web\\\"}\",\"up\"],\"ys\":[[1.0,2.0,null],[null,5.0,null]]}");
    }

    @Test
    void units_format_values_for_the_table() {
        assertThat(ChartUnit.BYTES.format(3 * 1024 * 1024)).isEqualTo("3 MiB");
        assertThat(ChartUnit.PERCENT.format(0.0123)).isEqualTo("1.2 %");
        assertThat(ChartUnit.SECONDS.format(0.25)).isEqualTo("250.0 ms");
        assertThat(ChartUnit.OPS.format(1500)).isEqualTo("1.5 k ops/s");
        assertThat(ChartUnit.of("ops")).isEqualTo(ChartUnit.OPS);
    }

    @Test
    void an_alert_links_to_the_logs_of_its_service_around_its_start() {
        assertThat(LogsLink.aroundAlert(Instant.parse("2026-11-22T10:20:41Z"), Optional.of("checkout")))
                .isEqualTo("logs?q=service%3A%22checkout%22&from=2026-11-22T10%3A10%3A00Z&to=2026-11-22T10%3A25%3A00Z");
    }

    @Test
    void an_alert_links_to_the_dashboard_it_names_or_else_to_its_services_among_the_users_dashboards() {
        var clock = java.time.Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), java.time.ZoneOffset.UTC);
        var named = alert(Map.of("service", "checkout"), Map.of("dashboard", "checkout-deep"));
        var byService = alert(Map.of("service", "checkout"), Map.of());
        var foreign = alert(Map.of("service", "checkout"), Map.of("dashboard", "secret"));
        assertThat(AlertList.dashboardOf(named, java.util.Set.of("checkout", "checkout-deep"))).contains("checkout-deep");
        assertThat(AlertList.dashboardOf(byService, java.util.Set.of("checkout"))).contains("checkout");
        assertThat(AlertList.dashboardOf(foreign, java.util.Set.of("jvm"))).isEmpty();
        assertThat(AlertList.dashboardLink("checkout", Optional.of(Instant.parse("2026-11-22T10:20:41Z")), clock))
                .isEqualTo("dashboards/checkout?from=2026-11-22T09%3A50%3A00Z&to=now");
        assertThat(AlertList.dashboardLink("checkout", Optional.of(Instant.parse("2026-11-22T11:50:00Z")), clock))
                .isEqualTo("dashboards/checkout?from=now-1h&to=now");
    }

    @Test
    void an_alert_says_how_long_it_has_been_active_in_the_portals_duration_format() {
        assertThat(AlertList.ago(Duration.ofSeconds(40))).isEqualTo("just now");
        assertThat(AlertList.ago(Duration.ofMinutes(59).plusSeconds(50))).isEqualTo("59 min");
        assertThat(AlertList.ago(Duration.ofMinutes(120))).isEqualTo("2 h");
        assertThat(AlertList.ago(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
    }

    @Test
    void an_alert_whose_rule_states_a_unit_shows_its_value_in_it_a_ratio_as_a_percentage() {
        assertThat(AlertList.value(alert(Map.of("unit", "percent"), "0.0734"))).isEqualTo("7.3 %");
        assertThat(AlertList.value(alert(Map.of("unit", " Percent "), "1"))).isEqualTo("100.0 %");
        assertThat(AlertList.value(alert(Map.of("unit", "seconds"), "0.31"))).isEqualTo("310.0 ms");
        assertThat(AlertList.value(alert(Map.of("unit", "bytes"), "-1.2e9"))).isEqualTo("-1.12 GiB");
    }

    @Test
    void an_alert_value_without_a_unit_the_portal_knows_or_that_is_no_finite_number_stays_as_written() {
        assertThat(AlertList.value(alert(Map.of(), "0.0734"))).isEqualTo("0.0734");
        assertThat(AlertList.value(alert(Map.of("unit", "ratio-ish"), "0.0734"))).isEqualTo("0.0734");
        assertThat(AlertList.value(alert(Map.of("unit", "percent"), "+Inf"))).isEqualTo("+Inf");
        assertThat(AlertList.value(alert(Map.of("unit", "percent"), "NaN"))).isEqualTo("NaN");
        assertThat(AlertList.value(alert(Map.of("unit", "percent"), "‹number:1a2b›"))).isEqualTo("‹number:1a2b›");
    }

    static dev.periscope.metrics.MaskedAlert alert(Map<String, String> annotations, String value) {
        var notes = new java.util.HashMap<String, MaskedText>();
        annotations.forEach((k, v) -> notes.put(k, text(v)));
        return new dev.periscope.metrics.MaskedAlert(text("A"), dev.periscope.metrics.MaskedAlert.State.FIRING,
                Map.of(), notes, Optional.empty(), text(value), Optional.empty());
    }

    static dev.periscope.metrics.MaskedAlert alert(Map<String, String> labels, Map<String, String> annotations) {
        var masked = new java.util.HashMap<String, MaskedText>();
        labels.forEach((k, v) -> masked.put(k, text(v)));
        var notes = new java.util.HashMap<String, MaskedText>();
        annotations.forEach((k, v) -> notes.put(k, text(v)));
        return new dev.periscope.metrics.MaskedAlert(text("A"), dev.periscope.metrics.MaskedAlert.State.FIRING, masked,
                notes, Optional.empty(), text("1"), Optional.empty());
    }

    @Test
    void log_graphs_give_rates_per_second_and_error_ratios_without_the_unfinished_last_bucket() {
        Instant t0 = Instant.parse("2026-11-22T10:00:00Z");
        var all = new dev.periscope.logs.LogHistogram(Duration.ofSeconds(30), List.of(
                new dev.periscope.logs.LogHistogram.Bucket(t0, 60),
                new dev.periscope.logs.LogHistogram.Bucket(t0.plusSeconds(30), 0),
                new dev.periscope.logs.LogHistogram.Bucket(t0.plusSeconds(60), 30)));
        var errors = new dev.periscope.logs.LogHistogram(Duration.ofSeconds(30), List.of(
                new dev.periscope.logs.LogHistogram.Bucket(t0, 15)));
        Instant to = t0.plusSeconds(80);
        assertThat(LogPanels.points(all, to, c -> c / 30.0)).containsExactly(
                new Point(t0.getEpochSecond() + 15, 2), new Point(t0.getEpochSecond() + 45, 0));
        assertThat(LogPanels.ratio(errors, all, to)).containsExactly(new Point(t0.getEpochSecond() + 15, 0.25));
        assertThat(LogPanels.interval(t0, t0.plus(Duration.ofHours(1)))).isEqualTo(Duration.ofSeconds(30));
        assertThat(LogPanels.and("", LogPanels.ERRORS)).isEqualTo("(level:ERROR OR level:FATAL)");
        assertThat(LogPanels.and("service:a OR service:b", "level:\"WARN\""))
                .isEqualTo("(service:a OR service:b) AND level:\"WARN\"");
    }
}
