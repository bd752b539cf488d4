package dev.periscope.metrics;

import dev.periscope.access.AccessGuard;
import dev.periscope.audit.AuditTrail;
import dev.periscope.masking.Masker;
import dev.periscope.metrics.demo.DemoPrometheus;
import dev.periscope.metrics.prometheus.PrometheusApi;
import dev.periscope.metrics.prometheus.PrometheusClient;
import dev.periscope.metrics.prometheus.PrometheusConnection;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the Prometheus client and the metrics service when a Prometheus URL is configured, or, with
 * {@code periscope.metrics.demo.enabled} and no URL, the demo's generated series behind the same service.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MetricsProperties.class, DashboardProperties.class})
@ConditionalOnExpression("'${periscope.metrics.prometheus.url:}' != '' or ${periscope.metrics.demo.enabled:false}")
class MetricsConfiguration {

    @Bean
    @ConditionalOnExpression("'${periscope.metrics.prometheus.url:}' == ''")
    DemoPrometheus demoPrometheus() {
        return new DemoPrometheus();
    }

    @Bean
    @ConditionalOnProperty("periscope.metrics.prometheus.url")
    PrometheusClient prometheusClient(MetricsProperties properties) {
        var p = properties.prometheus();
        if (p.url() == null) {
            throw new IllegalStateException("periscope.metrics.prometheus.url is not set");
        }
        Optional<PrometheusConnection.BasicAuth> basic = p.username() == null || p.username().isBlank()
                ? Optional.empty()
                : Optional.of(new PrometheusConnection.BasicAuth(p.username(), p.password() == null ? "" : p.password()));
        Optional<String> bearer = Optional.ofNullable(p.bearerToken()).filter(t -> !t.isBlank());
        return new PrometheusClient(new PrometheusConnection(p.url(), p.headers(), basic, bearer, p.connectTimeout(),
                p.requestTimeout(), p.maxResponseSize().toBytes()));
    }

    @Bean
    DashboardService dashboardService(DashboardProperties properties, AccessGuard guard, AuditTrail audit) {
        DashboardLocation location = DashboardLocation.resolve(properties, Path.of(""),
                MetricsConfiguration.class.getClassLoader());
        return new DashboardService(location.store(), guard, audit);
    }

    @Bean
    MetricsService metricsService(PrometheusApi prometheus, Masker masker, AuditTrail audit) {
        return new MetricsService(prometheus, masker, audit, java.time.Clock.systemUTC());
    }
}
