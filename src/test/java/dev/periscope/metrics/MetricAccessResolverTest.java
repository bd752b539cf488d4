package dev.periscope.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.access.AccessScope;
import dev.periscope.access.ServiceFilter;
import dev.periscope.metrics.MetricScope.ScopeMatcher;
import dev.periscope.metrics.MetricScope.ScopeMatcher.Op;
import dev.periscope.metrics.promql.PromQlScoper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricAccessResolverTest {

    static final ServiceFilter ALL_BUT_PAYMENTS = new ServiceFilter(List.of("*"), List.of("payments"));

    static AccessScope scope(List<Map<String, ServiceFilter>> metrics, Duration maxRange, Set<String> exempt,
                             Map<String, Set<String>> unmask) {
        return new AccessScope("alice", List.of(), metrics, List.of(), maxRange, false, exempt, unmask, Set.of(),
                List.of());
    }

    static AccessScope scope(List<Map<String, ServiceFilter>> metrics) {
        return scope(metrics, Duration.ofDays(7), Set.of(), Map.of());
    }

    static MetricScope resolved(AccessScope access) {
        return MetricAccessResolver.scopeOf(access).orElseThrow().scope();
    }

    @Test
    void refuses_a_user_without_metrics_in_any_role() {
        assertThat(MetricAccessResolver.scopeOf(AccessScope.nothing("alice"))).isEmpty();
        assertThat(MetricAccessResolver.scopeOf(scope(List.of()))).isEmpty();
    }

    @Test
    void refuses_a_scope_without_a_time_range() {
        assertThat(MetricAccessResolver.scopeOf(scope(List.of(Map.of()), Duration.ZERO, Set.of(), Map.of()))).isEmpty();
    }

    @Test
    void refuses_when_every_restriction_admits_no_value() {
        assertThat(MetricAccessResolver.scopeOf(scope(List.of(Map.of("service", ServiceFilter.NONE))))).isEmpty();
    }

    @Test
    void a_role_that_restricts_no_label_sees_all_series() {
        var s = resolved(scope(List.of(Map.of("service", ServiceFilter.only("web")), Map.of())));
        assertThat(s.allSeries()).isTrue();
        assertThat(s.matchers()).isEmpty();
    }

    @Test
    void turns_include_and_exclude_globs_into_matchers_that_require_the_label() {
        var s = resolved(scope(List.of(Map.of("service", ALL_BUT_PAYMENTS))));
        assertThat(s.allSeries()).isFalse();
        assertThat(s.matchers()).containsExactly(new ScopeMatcher("service", Op.REGEX, ".+"),
                new ScopeMatcher("service", Op.NOT_REGEX, "payments"));
        assertThat(resolved(scope(List.of(Map.of("team", ServiceFilter.only("web"))))).matchers())
                .containsExactly(ScopeMatcher.equal("team", "web"));
        assertThat(resolved(scope(List.of(Map.of("service", ServiceFilter.only("web-*", "api.v?"))))).matchers())
                .containsExactly(new ScopeMatcher("service", Op.REGEX, "web-.*|api\\.v."));
    }

    @Test
    void a_service_grant_lifts_the_exclusion_it_covers() {
        var s = resolved(scope(List.of(Map.of("service", ALL_BUT_PAYMENTS),
                Map.of("service", ServiceFilter.only("payments")))));
        assertThat(s.matchers()).containsExactly(new ScopeMatcher("service", Op.REGEX, ".+|payments"));
    }

    @Test
    void unites_restrictions_that_differ_in_one_label_only() {
        var s = resolved(scope(List.of(
                Map.of("team", ServiceFilter.only("web"), "env", ServiceFilter.only("prod")),
                Map.of("team", ServiceFilter.only("ops"), "env", ServiceFilter.only("prod")))));
        assertThat(s.matchers()).containsExactly(ScopeMatcher.equal("env", "prod"),
                new ScopeMatcher("team", Op.REGEX, "web|ops"));
    }

    @Test
    void leaves_out_what_cannot_be_united_so_the_user_sees_less_never_more() {
        var r = MetricAccessResolver.scopeOf(scope(List.of(Map.of("team", ServiceFilter.only("web")),
                Map.of("service", ServiceFilter.only("payments"))))).orElseThrow();
        assertThat(r.narrowed()).isTrue();
        assertThat(r.scope().matchers()).containsExactly(ScopeMatcher.equal("team", "web"));
    }

    @Test
    void keeps_masking_exemptions_and_unmask_grants_for_every_service() {
        var s = resolved(scope(List.of(Map.of()), Duration.ofDays(1), Set.of("network"),
                Map.of("*", Set.of("pii"), "payments", Set.of("financial"))));
        assertThat(s.maskingExemptions()).containsExactlyInAnyOrder("network", "pii");
        assertThat(s.maxRange()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void the_scoper_accepts_every_resolved_scope_and_confines_queries_to_it() {
        var s = resolved(scope(List.of(Map.of("service", ALL_BUT_PAYMENTS))));
        var scoper = new PromQlScoper(s.matchers().stream().map(MetricsService::toLabelMatcher).toList(), s.maxRange());
        assertThat(scoper.scope("sum(rate(http_requests_total{service=~\".*\"}[5m]))"))
                .isEqualTo("sum(rate(http_requests_total{service=~\".*\", service=~\".+\", service!~\"payments\"}[5m]))");
    }
}
