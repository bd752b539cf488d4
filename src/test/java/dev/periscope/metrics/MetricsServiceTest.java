package dev.periscope.metrics;

import dev.periscope.audit.RecordingAuditTrail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.masking.MaskedText;
import dev.periscope.masking.ShippedMasking;
import dev.periscope.masking.TokenizingMaskerDouble;
import dev.periscope.metrics.MetricScope.ScopeMatcher;
import dev.periscope.metrics.prometheus.PrometheusApi;
import dev.periscope.metrics.prometheus.PrometheusData;
import dev.periscope.metrics.prometheus.PrometheusData.QueryResult;
import dev.periscope.metrics.prometheus.PrometheusData.ResultType;
import dev.periscope.metrics.prometheus.PrometheusData.Sample;
import dev.periscope.metrics.prometheus.PrometheusData.Series;
import java.lang.reflect.Constructor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsServiceTest {

    static final AuditEntry.Actor ALICE = new AuditEntry.Actor("alice", List.of("oncall-web"), "s1", "127.0.0.1", "test");
    static final MetricScope WEB = new MetricScope(List.of(ScopeMatcher.equal("team", "web")), Duration.ofDays(7), Set.of());
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    final FakePrometheus prometheus = new FakePrometheus();
    final TokenizingMaskerDouble masker = new TokenizingMaskerDouble();
    final RecordingAuditTrail audit = new RecordingAuditTrail();
    final MetricsService service = new MetricsService(prometheus, masker, audit, Clock.systemUTC());

    /** Records what it was asked and answers with {@link #answer}. */
    static class FakePrometheus implements PrometheusApi {
        final List<String> sent = new ArrayList<>();
        QueryResult answer = new QueryResult(ResultType.VECTOR, List.of(), Optional.empty(), Optional.empty(), List.of());
        RuntimeException failure;

        private QueryResult reply(String q) {
            sent.add(q);
            if (failure != null) {
                throw failure;
            }
            return answer;
        }

        @Override
        public QueryResult query(String promql, Instant time) {
            return reply(promql);
        }

        @Override
        public QueryResult queryRange(String promql, Instant start, Instant end, Duration step) {
            return reply(promql);
        }

        @Override
        public List<Map<String, String>> series(List<String> selectors, Instant start, Instant end) {
            sent.addAll(selectors);
            return List.of(Map.of("__name__", "up", "team", "web", "user", "bob@example.com"));
        }

        @Override
        public List<String> labels(List<String> selectors, Instant start, Instant end) {
            sent.addAll(selectors);
            return List.of("__name__", "team");
        }

        @Override
        public List<String> labelValues(String label, List<String> selectors, Instant start, Instant end) {
            sent.addAll(selectors);
            return List.of("alice@example.com", "plain");
        }

        @Override
        public Map<String, List<PrometheusData.MetricMetadata>> metadata(Optional<String> metric) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PrometheusData.RuleGroup> rules() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<PrometheusData.Alert> alerts() {
            throw new UnsupportedOperationException();
        }
    }

    static Series series(Map<String, String> labels, double... values) {
        var samples = new ArrayList<Sample>();
        for (int i = 0; i < values.length; i++) {
            samples.add(new Sample(1_767_225_600 + i * 15, values[i]));
        }
        return new Series(labels, samples);
    }

    @Test
    void sends_prometheus_only_the_scoped_query() {
        service.query(ALICE, WEB, "sum by (team) (rate(http_requests_total{team=\"ops\"}[5m])) or up", T);
        assertThat(prometheus.sent).containsExactly(
                "sum by (team) (rate(http_requests_total{team=\"ops\", team=\"web\"}[5m])) or up{team=\"web\"}");
    }

    @Test
    void masks_label_values_and_keeps_series_apart_through_tokens() {
        prometheus.answer = new QueryResult(ResultType.MATRIX, List.of(
                series(Map.of("__name__", "logins", "user", "alice@example.com"), 1, 2),
                series(Map.of("__name__", "logins", "user", "bob@example.com"), 3, 4),
                series(Map.of("__name__", "resets", "path", "/reset?token=abc"), 5),
                series(Map.of("__name__", "resets", "path", "/reset?token=xyz"), 6)),
                Optional.empty(), Optional.empty(), List.of());
        MaskedQueryResult result = service.queryRange(ALICE, WEB, "logins or resets", T, T.plusSeconds(60),
                Duration.ofSeconds(15));
        assertThat(result.type()).isEqualTo(MaskedQueryResult.ResultType.MATRIX);
        var users = result.series().stream().limit(2).map(s -> s.labels().get("user").text()).toList();
        assertThat(users).allMatch(u -> u.startsWith("<email:")).doesNotHaveDuplicates();
        assertThat(result.series().toString()).doesNotContain("alice@", "bob@", "abc", "xyz");
        assertThat(result.series()).extracting(MaskedSeries::key).doesNotHaveDuplicates();
        assertThat(result.series().get(3).key()).endsWith("#2");
        assertThat(result.series().getFirst().points()).containsExactly(new Point(1_767_225_600, 1), new Point(1_767_225_615, 2));
    }

    @Test
    void audits_the_read_before_it_and_what_was_shown_after_it() {
        prometheus.answer = new QueryResult(ResultType.VECTOR, List.of(
                series(Map.of("user", "alice@example.com", "team", "web"), 1)), Optional.empty(), Optional.empty(), List.of());
        service.query(ALICE, WEB, "logins{user=\"alice@example.com\"}", T);
        AuditEntry begun = audit.begun.getFirst();
        assertThat(begun.action()).isEqualTo("metrics.query");
        assertThat(begun.decision()).isEqualTo(AuditEntry.Decision.ALLOWED);
        assertThat(begun.maskedQuery()).isEqualTo("logins{user=\"<email:" + Integer.toHexString("alice@example.com".hashCode())
                + ">\", team=\"web\"}");
        assertThat(begun.target().backend()).isEqualTo("prometheus");
        assertThat(begun.target().services()).containsExactly("{team=\"web\"}");
        var outcome = audit.completed.get("r1");
        assertThat(outcome.count()).isEqualTo(1);
        assertThat(outcome.rulesFired()).containsEntry("email", 1L);
    }

    @Test
    void refuses_the_read_when_the_audit_record_cannot_be_made_durable() {
        audit.unavailable = true;
        assertThatThrownBy(() -> service.query(ALICE, WEB, "up", T)).isInstanceOf(AuditUnavailableException.class);
        assertThat(prometheus.sent).isEmpty();
    }

    @Test
    void an_answer_whose_start_record_fails_to_become_durable_while_prometheus_answers_is_withheld() {
        audit.failsBeforeDurable = true;
        assertThatThrownBy(() -> service.query(ALICE, WEB, "up", T)).isInstanceOf(AuditUnavailableException.class);
        assertThat(prometheus.sent).hasSize(1);
        assertThat(audit.completed).isEmpty();
    }

    @Test
    void refuses_invalid_or_unscopable_queries_and_audits_the_refusal() {
        assertThatThrownBy(() -> service.query(ALICE, WEB, "sum(rate(x[5m])", T))
                .isInstanceOf(MetricsQueryRefusedException.class).hasMessageContaining("column");
        assertThatThrownBy(() -> service.query(ALICE, WEB, "rate(x[30d])", T))
                .isInstanceOf(MetricsQueryRefusedException.class)
                .hasMessage("the range selector covers 30 days, too long. Queries may cover at most 7 days for your roles.");
        assertThatThrownBy(() -> service.queryRange(ALICE, WEB, "up", T, T.plus(Duration.ofDays(8)), Duration.ofHours(1)))
                .isInstanceOf(MetricsQueryRefusedException.class)
                .hasMessage("the time range is too long. Queries may cover at most 7 days for your roles.");
        assertThatThrownBy(() -> service.queryRange(ALICE, WEB, "up", T, T.plus(Duration.ofDays(1)), Duration.ofMillis(100)))
                .isInstanceOf(MetricsQueryRefusedException.class).hasMessageContaining("too many points");
        assertThat(prometheus.sent).isEmpty();
        assertThat(audit.recorded).hasSize(4).allMatch(e -> e.decision() == AuditEntry.Decision.DENIED);
        assertThat(audit.begun).isEmpty();
    }

    @Test
    void shows_nothing_to_a_user_whose_scope_restricts_nothing() {
        var open = new MetricScope(List.of(new ScopeMatcher("team", ScopeMatcher.Op.REGEX, ".*")), Duration.ofDays(1), Set.of());
        assertThatThrownBy(() -> service.query(ALICE, open, "up", T)).isInstanceOf(MetricsQueryRefusedException.class);
        var none = new MetricScope(List.of(), Duration.ofDays(1), Set.of());
        assertThatThrownBy(() -> service.series(ALICE, none, List.of(), T, T)).isInstanceOf(MetricsQueryRefusedException.class);
        assertThat(prometheus.sent).isEmpty();
    }

    @Test
    void a_scope_of_all_series_still_parses_prints_and_limits_the_range() {
        var all = MetricScope.allSeries(Duration.ofDays(1), Set.of());
        service.query(ALICE, all, "sum by (job) (rate( up [5m] ))", T);
        service.series(ALICE, all, List.of(), T, T);
        assertThat(prometheus.sent).containsExactly("sum by (job) (rate(up[5m]))", "{__name__=~\".+\"}");
        assertThatThrownBy(() -> service.query(ALICE, all, "rate(up[2d])", T))
                .isInstanceOf(MetricsQueryRefusedException.class).hasMessageContaining("at most 1 day for your roles");
    }

    @Test
    void a_scope_may_include_and_exclude_values_of_one_label() {
        var developer = new MetricScope(List.of(new ScopeMatcher("service", ScopeMatcher.Op.REGEX, ".+"),
                new ScopeMatcher("service", ScopeMatcher.Op.NOT_REGEX, "payments")), Duration.ofDays(1), Set.of());
        service.query(ALICE, developer, "up{service=\"payments\"}", T);
        // The user's own matcher stays; with the exclusion beside it, no series can match.
        assertThat(prometheus.sent).containsExactly(
                "up{service=\"payments\", service=~\".+\", service!~\"payments\"}");
    }

    @Test
    void reports_a_backend_failure_with_a_masked_message_and_completes_the_audit() throws Exception {
        Constructor<dev.periscope.metrics.prometheus.PrometheusException> c = dev.periscope.metrics.prometheus.PrometheusException.class
                .getDeclaredConstructor(dev.periscope.metrics.prometheus.PrometheusException.Kind.class, String.class);
        c.setAccessible(true);
        prometheus.failure = c.newInstance(dev.periscope.metrics.prometheus.PrometheusException.Kind.SERVER_ERROR,
                "found duplicate series for the match group {user=\"carol@example.com\"}");
        assertThatThrownBy(() -> service.query(ALICE, WEB, "a + b", T))
                .isInstanceOfSatisfying(MetricsBackendException.class,
                        e -> assertThat(e.reason()).isEqualTo(MetricsBackendException.Reason.UNAVAILABLE))
                .hasMessageNotContaining("carol@example.com").hasMessageContaining("<email:");
        assertThat(audit.completed).containsKey("r1");
    }

    @Test
    void withholds_the_whole_answer_when_the_masker_breaks() {
        prometheus.answer = new QueryResult(ResultType.VECTOR, List.of(series(Map.of("user", "x"), 1)),
                Optional.empty(), Optional.empty(), List.of());
        var realAudit = audit;
        // The query text is masked before the read; break the engine only after that.
        var broken = new MetricsService(new FakePrometheus() {
            @Override
            public QueryResult query(String promql, Instant time) {
                masker.breakDown();
                return prometheus.answer;
            }
        }, masker, realAudit, Clock.systemUTC());
        assertThatThrownBy(() -> broken.query(ALICE, WEB, "up", T)).isInstanceOf(MetricsBackendException.class)
                .hasMessageContaining("withheld");
        assertThat(realAudit.completed.get("r1").withheld()).isEqualTo(1);
    }

    @Test
    void counts_values_the_masker_withheld() {
        prometheus.answer = new QueryResult(ResultType.VECTOR, List.of(series(Map.of("note", TokenizingMaskerDouble.FAIL), 1)),
                Optional.empty(), Optional.empty(), List.of());
        var result = service.query(ALICE, WEB, "up", T);
        assertThat(result.withheld()).isEqualTo(1);
        assertThat(result.series().getFirst().labels().get("note").withheld()).isTrue();
    }

    @Test
    void scopes_and_masks_series_labels_and_label_values() {
        var series = service.series(ALICE, WEB, List.of(), T, T);
        assertThat(prometheus.sent).containsExactly("{team=\"web\"}");
        assertThat(series.getFirst().get("user").text()).startsWith("<email:");
        service.labelNames(ALICE, WEB, List.of("{__name__=~\"http_.*\", team=\"ops\"}"), T, T);
        assertThat(prometheus.sent.getLast()).isEqualTo("{__name__=~\"http_.*\", team=\"ops\", team=\"web\"}");
        List<MaskedText> values = service.labelValues(ALICE, WEB, "user", List.of("up"), T, T);
        assertThat(values).extracting(MaskedText::text).containsExactly(
                "<email:" + Integer.toHexString("alice@example.com".hashCode()) + ">", "plain");
        assertThat(prometheus.sent.getLast()).isEqualTo("up{team=\"web\"}");
        assertThat(audit.begun).extracting(AuditEntry::action)
                .containsExactly("metrics.series", "metrics.labels", "metrics.label_values");
        assertThatThrownBy(() -> service.labelValues(ALICE, WEB, "user", List.of("rate(up[5m])"), T, T))
                .isInstanceOf(MetricsQueryRefusedException.class);
        assertThatThrownBy(() -> service.series(ALICE, WEB, List.of("up"), T, T.plus(Duration.ofDays(8))))
                .isInstanceOf(MetricsQueryRefusedException.class)
                .hasMessage("the time range is too long. Queries may cover at most 7 days for your roles.");
    }

    @Test
    void every_public_read_is_audited_before_it_reaches_prometheus() throws Exception {
        audit.unavailable = true;
        var reads = java.util.Arrays.stream(MetricsService.class.getDeclaredMethods())
                .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers())
                        && !java.lang.reflect.Modifier.isStatic(m.getModifiers()))
                .toList();
        assertThat(reads).hasSizeGreaterThanOrEqualTo(6);
        for (var method : reads) {
            Object[] args = java.util.Arrays.stream(method.getParameterTypes()).map(type ->
                    type == AuditEntry.Actor.class ? ALICE
                            : type == MetricScope.class ? WEB
                            : type == String.class ? "up"
                            : type == Instant.class ? T
                            : type == Duration.class ? Duration.ofSeconds(15)
                            : type == List.class ? List.of("up")
                            : null).toArray();
            assertThat(args).as(method.getName() + " takes only known parameter types").doesNotContainNull();
            assertThatThrownBy(() -> {
                try {
                    method.invoke(service, args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                }
            }).as(method.getName()).isInstanceOf(AuditUnavailableException.class);
        }
        assertThat(prometheus.sent).isEmpty();
    }

    @Test
    void reads_alerts_from_the_scoped_alerts_series() {
        service.alerts(ALICE, WEB, T);
        assertThat(prometheus.sent).containsExactly("ALERTS{team=\"web\"}");
        assertThat(audit.begun.getFirst().action()).isEqualTo("metrics.alerts");
    }

    @Test
    void lets_exempt_users_see_the_categories_they_are_exempt_from() {
        prometheus.answer = new QueryResult(ResultType.VECTOR, List.of(series(Map.of("user", "alice@example.com"), 1)),
                Optional.empty(), Optional.empty(), List.of());
        var exempt = new MetricScope(WEB.matchers(), WEB.maxRange(), Set.of("email"));
        assertThat(service.query(ALICE, exempt, "up", T).series().getFirst().labels().get("user").text())
                .isEqualTo("alice@example.com");
    }

    @Test
    void label_values_are_masked_by_the_scope_s_service_not_by_a_service_label_the_query_can_rewrite() {
        var masking = ShippedMasking.withRules(ShippedMasking.PER_SERVICE_RULES);
        var withRules = new MetricsService(prometheus, masking, audit, Clock.systemUTC());
        // What label_replace(emp_info, "service", "build", "", "") answers a reader scoped to service="hr".
        prometheus.answer = new QueryResult(ResultType.VECTOR, List.of(series(Map.of("service", "build",
                "employee", "EMP-123456", "grade", "GRADE-B"), 1)), Optional.empty(), Optional.empty(), List.of());
        var hr = new MetricScope(List.of(ScopeMatcher.equal("service", "hr")), Duration.ofDays(1), Set.of());

        var labels = withRules.query(ALICE, hr, "label_replace(emp_info, \"service\", \"build\", \"\", \"\")", T)
                .series().getFirst().labels();

        assertThat(labels.get("employee").text()).doesNotContain("123456").contains("REDACTED");
        assertThat(labels.get("grade").text()).doesNotContain("GRADE-B");
    }

    @Test
    void across_services_label_values_get_every_service_s_rules_with_the_strictest_action() {
        var masking = ShippedMasking.withRules(ShippedMasking.PER_SERVICE_RULES);
        var withRules = new MetricsService(prometheus, masking, audit, Clock.systemUTC());
        prometheus.answer = new QueryResult(ResultType.VECTOR, List.of(series(Map.of("employee", "EMP-123456",
                "grade", "GRADE-B"), 1)), Optional.empty(), Optional.empty(), List.of());

        var labels = withRules.query(ALICE, WEB, "sum by (employee, grade) (emp_info)", T).series().getFirst()
                .labels();

        assertThat(labels.get("employee").text()).doesNotContain("123456").contains("REDACTED");
        assertThat(labels.get("grade").text()).doesNotContain("GRADE-B");
    }
}
