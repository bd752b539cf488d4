package dev.periscope.base;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * The portal's own metrics, registered with the Prometheus Java client in the registry that
 * {@code /actuator/prometheus} serves (next to Micrometer's request latencies).
 */
@Component
public class PortalMetrics {

    private final Counter logins;
    private final Counter queries;

    PortalMetrics(PrometheusRegistry registry) {
        this.logins = Counter.builder()
                .name("periscope_logins_total")
                .help("Sign-in attempts by outcome")
                .labelNames("outcome")
                .withoutExemplars()
                .register(registry);
        // Publish zeroes from the start, so rate() and alerts work before the first sign-in.
        logins.initLabelValues("success");
        logins.initLabelValues("failure");
        this.queries = Counter.builder()
                .name("periscope_queries_total")
                .help("Data queries by feature and decision")
                .labelNames("feature", "decision")
                .withoutExemplars()
                .register(registry);
    }

    /** Counts one query of a feature ({@code logs}, {@code metrics}...) with its decision ({@code allowed}...). */
    public void countQuery(String feature, String decision) {
        queries.labelValues(feature, decision).inc();
    }

    @EventListener
    void onLogin(InteractiveAuthenticationSuccessEvent event) {
        logins.labelValues("success").inc();
    }

    @EventListener
    void onFailedLogin(AbstractAuthenticationFailureEvent event) {
        logins.labelValues("failure").inc();
    }
}
