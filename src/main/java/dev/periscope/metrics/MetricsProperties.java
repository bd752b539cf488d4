package dev.periscope.metrics;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The metrics backend: any server with the Prometheus query API (Prometheus, Thanos, Mimir, VictoriaMetrics).
 *
 * <pre>
 * periscope:
 *   metrics:
 *     prometheus:
 *       url: http://prometheus:9090            # PERISCOPE_METRICS_PROMETHEUS_URL; metrics are off when unset
 *       headers:
 *         X-Scope-OrgID: tenant-1               # PERISCOPE_METRICS_PROMETHEUS_HEADERS_X-SCOPE-ORGID
 *       username: periscope                     # PERISCOPE_METRICS_PROMETHEUS_USERNAME (basic auth)
 *       password: change-me                     # PERISCOPE_METRICS_PROMETHEUS_PASSWORD
 *       bearer-token:                           # PERISCOPE_METRICS_PROMETHEUS_BEARER_TOKEN (instead of basic auth)
 *       connect-timeout: 2s                     # PERISCOPE_METRICS_PROMETHEUS_CONNECT_TIMEOUT
 *       request-timeout: 30s                    # PERISCOPE_METRICS_PROMETHEUS_REQUEST_TIMEOUT
 *       max-response-size: 32MB                 # PERISCOPE_METRICS_PROMETHEUS_MAX_RESPONSE_SIZE
 *     demo:
 *       enabled: false                          # PERISCOPE_METRICS_DEMO_ENABLED; generated series when no url is set
 * </pre>
 */
@ConfigurationProperties("periscope.metrics")
public record MetricsProperties(@DefaultValue Prometheus prometheus, @DefaultValue Demo demo) {

    /** The demo's generated series, served when no Prometheus URL is set (the demo profile turns it on). */
    public record Demo(@DefaultValue("false") boolean enabled) {
    }

    public record Prometheus(
            @Nullable URI url,
            @DefaultValue Map<String, String> headers,
            @Nullable String username,
            @Nullable String password,
            @Nullable String bearerToken,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("30s") Duration requestTimeout,
            @DefaultValue("32MB") DataSize maxResponseSize) {

        @Override
        public String toString() {
            return "Prometheus[url=" + url + ", headers=" + headers.keySet() + "]";
        }
    }
}
