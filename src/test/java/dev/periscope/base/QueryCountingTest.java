package dev.periscope.base;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditOutcome;
import dev.periscope.audit.AuditReceipt;
import dev.periscope.audit.AuditTrail;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class QueryCountingTest {

    static AuditEntry entry(String action, AuditEntry.Decision decision) {
        return new AuditEntry(new AuditEntry.Actor("u", List.of("DEVELOPER"), "", "", ""), action,
                AuditEntry.Target.none(), "", decision, "", Optional.empty());
    }

    @Test
    void every_audited_read_and_refusal_is_counted_by_feature_and_decision() {
        PrometheusRegistry registry = new PrometheusRegistry();
        PortalMetrics metrics = new PortalMetrics(registry);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("metrics", metrics);
        AuditTrail plain = new AuditTrail() {
            @Override
            public AuditReceipt begin(AuditEntry entry) {
                return new AuditReceipt("1");
            }

            @Override
            public void complete(AuditReceipt receipt, AuditOutcome outcome) {
            }

            @Override
            public void record(AuditEntry entry) {
            }
        };
        AuditTrail counted = (AuditTrail) new QueryCounting(beans.getBeanProvider(PortalMetrics.class))
                .postProcessAfterInitialization(plain, "auditTrail");

        counted.begin(entry("logs.search", AuditEntry.Decision.ALLOWED));
        counted.begin(entry("logs.histogram", AuditEntry.Decision.ALLOWED));
        counted.record(entry("logs.search", AuditEntry.Decision.PROBE_REFUSED));
        counted.record(entry("access.request", AuditEntry.Decision.ALLOWED));

        CounterSnapshot queries = (CounterSnapshot) registry.scrape().stream()
                .filter(s -> s.getMetadata().getName().equals("periscope_queries")).findFirst().orElseThrow();
        assertThat(queries.getDataPoints()).anySatisfy(p -> {
            assertThat(p.getLabels().get("feature")).isEqualTo("logs");
            assertThat(p.getLabels().get("decision")).isEqualTo("allowed");
            assertThat(p.getValue()).isEqualTo(2.0);
        });
        assertThat(queries.getDataPoints()).anySatisfy(p -> assertThat(p.getLabels().get("decision")).isEqualTo("probe_refused"));
        assertThat(queries.getDataPoints()).noneSatisfy(p -> assertThat(p.getLabels().get("feature")).isEqualTo("access"));
    }
}
