package dev.periscope.metrics;

import dev.periscope.audit.RecordingAuditTrail;
import static org.assertj.core.api.Assertions.assertThat;

import static org.mockito.Mockito.mock;

import dev.periscope.access.AccessGuard;
import dev.periscope.audit.AuditTrail;
import dev.periscope.masking.Masker;
import dev.periscope.masking.TokenizingMaskerDouble;
import dev.periscope.metrics.demo.DemoPrometheus;
import dev.periscope.metrics.prometheus.PrometheusClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class MetricsConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(MetricsConfiguration.class)
            .withBean(Masker.class, TokenizingMaskerDouble::new)
            .withBean(AuditTrail.class, RecordingAuditTrail::new)
            .withBean(AccessGuard.class, () -> mock(AccessGuard.class));

    @Test
    void metrics_stay_off_without_a_prometheus_url() {
        runner.run(context -> assertThat(context).doesNotHaveBean(MetricsService.class)
                .doesNotHaveBean(PrometheusClient.class));
    }

    @Test
    void the_demo_serves_generated_series_only_without_a_prometheus_url() {
        runner.withPropertyValues("periscope.metrics.demo.enabled=true").run(context -> assertThat(context)
                .hasSingleBean(MetricsService.class).hasSingleBean(DemoPrometheus.class)
                .doesNotHaveBean(PrometheusClient.class));
        runner.withPropertyValues("periscope.metrics.demo.enabled=true",
                "periscope.metrics.prometheus.url=http://127.0.0.1:9090").run(context -> assertThat(context)
                .hasSingleBean(MetricsService.class).hasSingleBean(PrometheusClient.class)
                .doesNotHaveBean(DemoPrometheus.class));
    }

    @Test
    void binds_the_prometheus_settings_from_properties() {
        runner.withPropertyValues(
                        "periscope.metrics.prometheus.url=http://127.0.0.1:9090",
                        "periscope.metrics.prometheus.headers.X-Scope-OrgID=tenant-1",
                        "periscope.metrics.prometheus.bearer-token=example-token",
                        "periscope.metrics.prometheus.request-timeout=5s",
                        "periscope.metrics.prometheus.max-response-size=1MB")
                .run(context -> {
                    assertThat(context).hasSingleBean(MetricsService.class).hasSingleBean(PrometheusClient.class);
                    var p = context.getBean(MetricsProperties.class).prometheus();
                    assertThat(p.headers()).containsEntry("X-Scope-OrgID", "tenant-1");
                    assertThat(p.requestTimeout()).hasSeconds(5);
                    assertThat(p.maxResponseSize().toBytes()).isEqualTo(1024 * 1024);
                    assertThat(p.toString()).doesNotContain("example-token");
                });
    }

    @Test
    void binds_the_dashboards_directory_and_the_examples_switch_from_properties() {
        runner.withPropertyValues("periscope.metrics.demo.enabled=true",
                        "periscope.dashboards.directory=/etc/periscope/dashboards",
                        "periscope.dashboards.examples=true")
                .run(context -> {
                    var p = context.getBean(DashboardProperties.class);
                    assertThat(p.directory()).isEqualTo(java.nio.file.Path.of("/etc/periscope/dashboards"));
                    assertThat(p.examples()).isTrue();
                });
        runner.withPropertyValues("periscope.metrics.demo.enabled=true").run(context -> {
            var p = context.getBean(DashboardProperties.class);
            assertThat(p.directory()).isNull();
            assertThat(p.examples()).isFalse();
        });
    }

    @Test
    void refuses_to_start_with_both_basic_auth_and_a_bearer_token() {
        runner.withPropertyValues("periscope.metrics.prometheus.url=http://127.0.0.1:9090",
                        "periscope.metrics.prometheus.username=reader",
                        "periscope.metrics.prometheus.password=example-password",
                        "periscope.metrics.prometheus.bearer-token=example-token")
                .run(context -> assertThat(context).hasFailed());
    }
}
