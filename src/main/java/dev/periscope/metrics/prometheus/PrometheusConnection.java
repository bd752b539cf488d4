package dev.periscope.metrics.prometheus;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where a Prometheus-compatible server is and how to talk to it.
 *
 * @param baseUrl the server's root, e.g. {@code http://prometheus:9090} or {@code https://mimir/prometheus}
 * @param headers extra headers on every request, e.g. {@code X-Scope-OrgID} for Mimir
 * @param basicAuth user and password, when the server wants basic authentication
 * @param bearerToken a bearer token, when the server wants one (not together with basic authentication)
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for a whole answer; also sent to the server as its query timeout
 * @param maxResponseBytes the largest answer read, after decompression; a larger one is refused
 */
public record PrometheusConnection(URI baseUrl, Map<String, String> headers, Optional<BasicAuth> basicAuth,
                                   Optional<String> bearerToken, Duration connectTimeout, Duration requestTimeout,
                                   long maxResponseBytes) {

    public PrometheusConnection {
        headers = Map.copyOf(headers);
        if (basicAuth.isPresent() && bearerToken.isPresent()) {
            throw new IllegalArgumentException("set basic auth or a bearer token, not both");
        }
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("the Prometheus URL must be http or https");
        }
    }

    public static PrometheusConnection of(URI baseUrl) {
        return new PrometheusConnection(baseUrl, Map.of(), Optional.empty(), Optional.empty(), Duration.ofSeconds(2),
                Duration.ofSeconds(30), 32L * 1024 * 1024);
    }

    public record BasicAuth(String username, String password) {
        @Override
        public String toString() {
            return "BasicAuth[username=" + username + ", password=***]";
        }
    }

    @Override
    public String toString() {
        return "PrometheusConnection[" + baseUrl + ", headers=" + headers.keySet() + "]";
    }
}
