package dev.periscope.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DashboardParserTest {

    static final String VALID = """
            title: Checkout
            service: checkout
            time: {from: now-4h, to: now}
            refresh: 30s
            variables:
              - {name: service, label: service, metric: http_requests_total}
            rows:
              - title: Traffic
                panels:
                  - title: Requests
                    query: sum by (service) (rate(http_requests_total{service=~"$service"}[5m]))
                    unit: ops
                    kind: stacked
                  - title: Errors
                    type: stat
                    query: sum(rate(http_requests_total{status=~"5.."}[5m]))
                    thresholds: [{value: 1, color: orange}, {value: 5, color: "#c62828"}]
            """;

    static void assertRefused(String yaml, int line, String problem) {
        assertThatThrownBy(() -> DashboardParser.parse("d", yaml, "d.yaml"))
                .isInstanceOf(DashboardException.class)
                .hasMessageStartingWith("d.yaml:" + line + ": ")
                .hasMessageContaining(problem);
    }

    @Test
    void reads_rows_panels_variables_time_and_refresh() {
        Dashboard d = DashboardParser.parse("checkout", VALID, "checkout.yaml");
        assertThat(d.title()).isEqualTo("Checkout");
        assertThat(d.service()).contains("checkout");
        assertThat(d.from()).isEqualTo("now-4h");
        assertThat(d.refresh()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.variables()).containsExactly(new Dashboard.Variable("service", "service", "http_requests_total"));
        assertThat(d.rows().getFirst().panels()).extracting(Dashboard.Panel::type)
                .containsExactly(Dashboard.Panel.Type.TIMESERIES, Dashboard.Panel.Type.STAT);
        assertThat(d.rows().getFirst().panels().getFirst().kind()).isEqualTo("stacked");
        assertThat(d.rows().getFirst().panels().get(1).thresholds()).hasSize(2);
    }

    @Test
    void a_problems_panel_takes_an_optional_log_filter_instead_of_promql() {
        Dashboard d = DashboardParser.parse("checkout", """
                title: Checkout
                service: checkout
                rows:
                  - title: Problems
                    panels:
                      - {title: Top problems, type: problems}
                      - {title: Top errors, type: problems, query: "level:ERROR"}
                """, "checkout.yaml");

        assertThat(d.rows().getFirst().panels()).extracting(Dashboard.Panel::type)
                .containsOnly(Dashboard.Panel.Type.PROBLEMS);
        assertThat(d.rows().getFirst().panels()).extracting(Dashboard.Panel::query).containsExactly("", "level:ERROR");
    }

    @Test
    void names_the_file_and_line_of_an_unknown_key() {
        assertRefused(VALID.replace("    unit: ops", "    units: ops"), 12, "unknown key 'units'");
    }

    @Test
    void refuses_a_query_that_does_not_parse_at_its_line() {
        assertRefused(VALID.replace("sum(rate(http_requests_total{status=~\"5..\"}[5m]))", "sum(rate("), 16,
                "the query does not parse");
    }

    @Test
    void refuses_a_variable_the_dashboard_does_not_define() {
        assertRefused(VALID.replace("$service", "$team"), 11, "uses $team");
    }

    @Test
    void refuses_unknown_units_kinds_types_and_refresh_intervals() {
        assertRefused(VALID.replace("unit: ops", "unit: furlongs"), 12, "unit must be one of");
        assertRefused(VALID.replace("kind: stacked", "kind: pie"), 13, "kind must be one of");
        assertRefused(VALID.replace("type: stat", "type: gauge"), 15, "timeseries, stat, problems, alerts");
        assertRefused(VALID.replace("refresh: 30s", "refresh: 5s"), 4, "refresh must be");
    }

    @Test
    void refuses_broken_yaml_and_missing_parts_with_a_line() {
        assertRefused("title: [unclosed", 1, "");
        assertRefused("title: x\n", 1, "no 'rows'");
        assertRefused("rows: []\n", 1, "'title' is missing");
    }

    static final String LOG_AND_ALERT_PANELS = """
            title: Checkout
            variables:
              - {name: service, label: service, metric: http_requests_total}
            rows:
              - panels:
                  - {title: Alerts, type: alerts, query: '{service=~"$service", severity="page"}'}
                  - {title: All alerts, type: alerts}
                  - {title: Events, type: lograte, query: 'service:checkout AND NOT level:DEBUG'}
                  - {title: Events by service, type: lograte, split: service, kind: stacked}
                  - {title: Errors, type: errorratio, query: 'service:checkout'}
                  - {title: Errors by service, type: errorratio, split: service, unit: none}
            """;

    @Test
    void reads_alert_lists_and_log_derived_panels_with_their_defaults() {
        var panels = DashboardParser.parse("checkout", LOG_AND_ALERT_PANELS, "checkout.yaml").rows().getFirst().panels();
        assertThat(panels).extracting(Dashboard.Panel::type).containsExactly(Dashboard.Panel.Type.ALERTS,
                Dashboard.Panel.Type.ALERTS, Dashboard.Panel.Type.LOGRATE, Dashboard.Panel.Type.LOGRATE,
                Dashboard.Panel.Type.ERRORRATIO, Dashboard.Panel.Type.ERRORRATIO);
        assertThat(panels.get(0).query()).isEqualTo("{service=~\"$service\", severity=\"page\"}");
        assertThat(panels.get(1).query()).isEmpty();
        assertThat(panels.get(2).split()).isEqualTo(Dashboard.Panel.Split.LEVEL);
        assertThat(panels.get(2).unit()).isEqualTo("ops");
        assertThat(panels.get(3).split()).isEqualTo(Dashboard.Panel.Split.SERVICE);
        assertThat(panels.get(4).split()).isEqualTo(Dashboard.Panel.Split.NONE);
        assertThat(panels.get(4).unit()).isEqualTo("percent");
        assertThat(panels.get(5).unit()).isEqualTo("none");
        assertThat(panels).extracting(p -> p.type().fromLogs()).containsExactly(false, false, true, true, true, true);
    }

    @Test
    void refuses_wrong_splits_selectors_and_variables_in_log_panels() {
        String head = "title: x\nvariables: [{name: service, label: service}]\nrows:\n  - panels:\n";
        assertRefused(head + "      - {title: a, type: errorratio, split: level}\n", 5, "split must be one of none, service");
        assertRefused(head + "      - {title: a, type: timeseries, query: up, split: level}\n", 5,
                "only lograte and errorratio panels have a 'split'");
        assertRefused(head + "      - {title: a, type: alerts, query: 'sum(up)'}\n", 5, "not a label selector");
        assertRefused(head + "      - {title: a, type: alerts, query: '{team=\"$team\"}'}\n", 5, "does not define");
        assertRefused(head + "      - {title: a, type: lograte, query: 'service:$service'}\n", 5,
                "cannot use dashboard variables");
        assertRefused(head + "      - {title: a, type: heatmap, query: up}\n", 5, "alerts, lograte or errorratio");
    }

    @Test
    void every_shipped_dashboard_parses() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("dashboards"))) {
            var list = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(10);
            for (Path f : list) {
                String name = f.getFileName().toString();
                DashboardParser.parse(name.replace(".yaml", ""), Files.readString(f), name);
            }
        }
    }
}
