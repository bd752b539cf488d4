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
}
