package dev.periscope.metrics.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PromQlScoperTest {

    static final LabelMatcher WEB = LabelMatcher.equal("team", "web");
    static final PromQlScoper SCOPER = new PromQlScoper(List.of(WEB), Duration.ofDays(31));

    static Stream<String> corpus() {
        return Expressions.all().stream();
    }

    /** Every selector of the text carries the scope's matchers. */
    static void assertScoped(String scopedText, List<LabelMatcher> scope) {
        Expr reparsed = PromQlParser.parse(scopedText);
        var selectors = new ArrayList<Expr.VectorSelector>();
        PromQlScoper.forEachSelector(reparsed, selectors::add);
        for (var vs : selectors) {
            for (LabelMatcher s : scope) {
                assertThat(vs.allMatchers()).as(scopedText).contains(s);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void every_selector_of_every_corpus_expression_carries_the_scope_after_rewriting(String query) {
        String scoped = SCOPER.scope(query);
        assertScoped(scoped, List.of(WEB));
        var before = new ArrayList<Expr.VectorSelector>();
        PromQlScoper.forEachSelector(PromQlParser.parse(query), before::add);
        var after = new ArrayList<Expr.VectorSelector>();
        PromQlScoper.forEachSelector(PromQlParser.parse(scoped), after::add);
        assertThat(after).as("no selector is lost or added").hasSameSizeAs(before);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{team=\"ops\"}                                    | {team=\"ops\", team=\"web\"}",
            "up{team=~\".*\"}                                  | up{team=~\".*\", team=\"web\"}",
            "up{team!=\"web\"}                                 | up{team!=\"web\", team=\"web\"}",
            "up{team=\"web\", team=\"ops\"}                    | up{team=\"ops\", team=\"web\"}",
            "{__name__=~\".+\"}                                | {__name__=~\".+\", team=\"web\"}",
            "up{team=\"ops\"} or up                            | up{team=\"ops\", team=\"web\"} or up{team=\"web\"}",
            "up or on() vector(1)                              | up{team=\"web\"} or on() vector(1)",
            "label_replace(up{team=\"ops\"}, \"team\", \"web\", \"\", \"\") | label_replace(up{team=\"ops\", team=\"web\"}, \"team\", \"web\", \"\", \"\")",
            "absent(up{team=\"ops\"})                          | absent(up{team=\"ops\", team=\"web\"})",
            "max_over_time({team=\"ops\", job=\"db\"}[1h:5m])  | max_over_time({team=\"ops\", job=\"db\", team=\"web\"}[1h:5m])",
            "rate(x[5m] @ 1609746000 offset -1h)               | rate(x{team=\"web\"}[5m] offset -1h @ 1609746000)",
            "up{TEAM=\"ops\"}                                  | up{TEAM=\"ops\", team=\"web\"}",
            "sum by (team) (rate(http_requests_total{code=~\"5..\"}[5m])) | sum by (team) (rate(http_requests_total{code=~\"5..\", team=\"web\"}[5m]))",
    })
    void keeps_the_users_own_matchers_beside_the_scope_where_they_can_only_narrow_it(String query, String expected) {
        assertThat(SCOPER.scope(query.strip())).isEqualTo(expected.strip());
    }

    @Test
    void a_query_about_one_service_of_a_wider_scope_reads_that_service_alone() {
        var eightServices = new PromQlScoper(List.of(new LabelMatcher("service", MatchOp.REGEX,
                "gateway|checkout|orders|search|catalog|inventory|notifications|auth")), Duration.ofDays(1));
        assertThat(eightServices.scope("sum(rate(http_requests_total{service=\"orders\"}[5m]))"))
                .isEqualTo("sum(rate(http_requests_total{service=\"orders\", "
                        + "service=~\"gateway|checkout|orders|search|catalog|inventory|notifications|auth\"}[5m]))");
        // A service outside the scope stays outside: both matchers must hold, and no series satisfies both.
        assertThat(eightServices.scope("up{service=\"payments\"}")).isEqualTo("up{service=\"payments\", "
                + "service=~\"gateway|checkout|orders|search|catalog|inventory|notifications|auth\"}");
    }

    @Test
    void refuses_a_selector_that_prometheus_would_refuse_too() {
        assertThatThrownBy(() -> SCOPER.scope("{team=~\".*\"}")).isInstanceOf(PromQlParseException.class);
        assertThatThrownBy(() -> SCOPER.scope("info(up)")).isInstanceOf(PromQlParseException.class)
                .hasMessageContaining("unknown function");
    }

    @Test
    void refuses_ranges_longer_than_the_scope_allows() {
        var scoper = new PromQlScoper(List.of(WEB), Duration.ofDays(1));
        assertThat(scoper.scope("rate(x[1d])")).isEqualTo("rate(x{team=\"web\"}[1d])");
        assertThatThrownBy(() -> scoper.scope("rate(x[1d1ms])")).isInstanceOf(ScopeRefusedException.class)
                .hasMessage("the range selector covers 1 day 1 min, too long. Queries may cover at most 1 day for your roles.");
        assertThatThrownBy(() -> scoper.scope("max_over_time(rate(x[5m])[2d:1h])"))
                .isInstanceOf(ScopeRefusedException.class)
                .hasMessage("the subquery range covers 2 days, too long. Queries may cover at most 1 day for your roles.");
    }

    @Test
    void scopes_with_several_matchers_including_a_regex_and_the_metric_name() {
        var scope = List.of(new LabelMatcher("team", MatchOp.REGEX, "web|search"),
                LabelMatcher.equal("env", "prod"));
        var scoper = new PromQlScoper(scope, Duration.ofDays(1));
        String scoped = scoper.scope("sum(rate(http_requests_total{env=\"dev\", team=\"ops\"}[5m])) / sum(up)");
        assertThat(scoped).isEqualTo("sum(rate(http_requests_total{env=\"dev\", team=\"ops\", team=~\"web|search\", "
                + "env=\"prod\"}[5m])) "
                + "/ sum(up{team=~\"web|search\", env=\"prod\"})");
        var onlyUp = new PromQlScoper(List.of(LabelMatcher.equal("__name__", "up")), Duration.ofDays(1));
        assertThat(onlyUp.scope("node_load1")).isEqualTo("{__name__=\"node_load1\", __name__=\"up\"}");
    }

    @Test
    void refuses_a_scope_that_would_not_restrict_anything() {
        assertThatThrownBy(() -> new PromQlScoper(List.of(), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PromQlScoper(List.of(new LabelMatcher("team", MatchOp.REGEX, ".*")),
                Duration.ofDays(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PromQlScoper(List.of(new LabelMatcher("team", MatchOp.NOT_EQUAL, "ops")),
                Duration.ofDays(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verification_catches_a_tree_that_escaped_scoping() {
        Expr unscoped = PromQlParser.parse("up{team=\"web\"} or up{team=\"ops\"}");
        assertThatThrownBy(() -> SCOPER.verify(unscoped)).isInstanceOf(ScopeRefusedException.class);
    }

    @Test
    void scopes_series_selectors_for_the_metadata_apis() {
        assertThat(PromQlPrinter.print(SCOPER.scopeSelector(PromQlParser.parseSelector("{__name__=~\"http_.*\", team=\"ops\"}"))))
                .isEqualTo("{__name__=~\"http_.*\", team=\"ops\", team=\"web\"}");
    }
}
