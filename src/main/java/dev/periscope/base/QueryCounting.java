package dev.periscope.base;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditOutcome;
import dev.periscope.audit.AuditReceipt;
import dev.periscope.audit.AuditTrail;
import dev.periscope.audit.PendingReceipt;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Counts queries where every feature must pass anyway: the audit trail. Wrapping the {@link AuditTrail} bean means
 * a new feature's reads show up in {@code periscope_queries_total} without anyone remembering to count them.
 */
@Component
class QueryCounting implements BeanPostProcessor {

    private final ObjectProvider<PortalMetrics> metrics;

    QueryCounting(ObjectProvider<PortalMetrics> metrics) {
        this.metrics = metrics;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AuditTrail trail && !(bean instanceof Counted)) {
            return new Counted(trail, metrics);
        }
        return bean;
    }

    private record Counted(AuditTrail delegate, ObjectProvider<PortalMetrics> metrics) implements AuditTrail {

        @Override
        public AuditReceipt begin(AuditEntry entry) {
            count(entry);
            return delegate.begin(entry);
        }

        @Override
        public PendingReceipt beginConcurrently(AuditEntry entry) {
            count(entry);
            return delegate.beginConcurrently(entry);
        }

        @Override
        public void complete(AuditReceipt receipt, AuditOutcome outcome) {
            delegate.complete(receipt, outcome);
        }

        @Override
        public void record(AuditEntry entry) {
            if (entry.decision() != AuditEntry.Decision.ALLOWED) {
                count(entry);
            }
            delegate.record(entry);
        }

        private void count(AuditEntry entry) {
            String action = entry.action();
            int dot = action.indexOf('.');
            String feature = dot < 0 ? action : action.substring(0, dot);
            metrics.ifAvailable(m -> m.countQuery(feature, entry.decision().name().toLowerCase(Locale.ROOT)));
        }
    }
}
