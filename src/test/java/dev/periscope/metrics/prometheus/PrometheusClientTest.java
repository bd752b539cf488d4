package dev.periscope.metrics.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.periscope.metrics.prometheus.PrometheusData.ResultType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrometheusClientTest {

    private HttpServer server;
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final Map<String, String> lastBody = new ConcurrentHashMap<>();
    private final Map<String, String> lastHeaders = new ConcurrentHashMap<>();

    record Reply(int status, String body, long delayMillis, boolean gzip) {
        static Reply ok(String data) {
            return new Reply(200, "{\"status\":\"success\",\"data\":" + data + "}", 0, false);
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        lastBody.put(path, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                + (exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery()));
        exchange.getRequestHeaders().forEach((k, v) -> lastHeaders.put(k.toLowerCase(), String.join(",", v)));
        Reply reply = replies.getOrDefault(path, new Reply(404, "not found", 0, false));
        try {
            Thread.sleep(reply.delayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        if (reply.gzip()) {
            var out = new ByteArrayOutputStream();
            try (var gz = new GZIPOutputStream(out)) {
                gz.write(body);
            }
            body = out.toByteArray();
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private PrometheusConnection connection() {
        return PrometheusConnection.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    private PrometheusClient client() {
        return new PrometheusClient(connection());
    }

    private static String form(String body, String key) {
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (URLDecoder.decode(kv[0], StandardCharsets.UTF_8).equals(key)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    @Test
    void posts_an_instant_query_in_the_body_and_decodes_a_vector() {
        replies.put("/api/v1/query", Reply.ok("{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":\"up\","
                + "\"team\":\"web\"},\"value\":[1700000000.5,\"1\"]},{\"metric\":{},\"value\":[1700000000.5,\"NaN\"]}]}"));
        var result = client().query("up{team=\"web\"}", Instant.ofEpochSecond(1700000000, 500_000_000));
        assertThat(result.resultType()).isEqualTo(ResultType.VECTOR);
        assertThat(result.series()).hasSize(2);
        assertThat(result.series().getFirst().labels()).containsEntry("team", "web");
        assertThat(result.series().getFirst().samples().getFirst()).isEqualTo(new PrometheusData.Sample(1700000000.5, 1));
        assertThat(result.series().get(1).samples().getFirst().value()).isNaN();
        String body = lastBody.get("/api/v1/query");
        assertThat(form(body, "query")).isEqualTo("up{team=\"web\"}");
        assertThat(form(body, "time")).isEqualTo("1700000000.5");
        assertThat(form(body, "timeout")).isEqualTo("30000ms");
    }

    @Test
    void decodes_a_matrix_a_scalar_and_a_string() {
        replies.put("/api/v1/query_range", Reply.ok("{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"a\":\"b\"},"
                + "\"values\":[[1,\"1.5\"],[2,\"+Inf\"],[3,\"-Inf\"]]}]}"));
        var m = client().queryRange("x", Instant.ofEpochSecond(1), Instant.ofEpochSecond(3), Duration.ofSeconds(1));
        assertThat(m.series().getFirst().samples()).extracting(PrometheusData.Sample::value)
                .containsExactly(1.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertThat(form(lastBody.get("/api/v1/query_range"), "step")).isEqualTo("1.0");
        replies.put("/api/v1/query", Reply.ok("{\"resultType\":\"scalar\",\"result\":[5,\"42\"]}"));
        assertThat(client().query("42", Instant.EPOCH).scalar()).contains(new PrometheusData.Sample(5, 42));
        replies.put("/api/v1/query", Reply.ok("{\"resultType\":\"string\",\"result\":[5,\"hi\"]}"));
        assertThat(client().query("\"hi\"", Instant.EPOCH).string()).contains("hi");
    }

    @Test
    void sends_selectors_to_series_labels_and_label_values() {
        replies.put("/api/v1/series", Reply.ok("[{\"__name__\":\"up\",\"team\":\"web\"}]"));
        replies.put("/api/v1/labels", Reply.ok("[\"__name__\",\"team\"]"));
        replies.put("/api/v1/label/team/values", Reply.ok("[\"web\"]"));
        var c = client();
        assertThat(c.series(List.of("{team=\"web\"}"), Instant.EPOCH, Instant.EPOCH)).containsExactly(
                Map.of("__name__", "up", "team", "web"));
        assertThat(form(lastBody.get("/api/v1/series"), "match[]")).isEqualTo("{team=\"web\"}");
        assertThat(c.labels(List.of("{team=\"web\"}"), Instant.EPOCH, Instant.EPOCH)).containsExactly("__name__", "team");
        assertThat(c.labelValues("team", List.of("{team=\"web\"}"), Instant.EPOCH, Instant.EPOCH)).containsExactly("web");
        assertThat(form(lastBody.get("/api/v1/label/team/values"), "match[]")).isEqualTo("{team=\"web\"}");
        assertThatThrownBy(() -> c.labels(List.of(), Instant.EPOCH, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.labelValues("../x", List.of("{a=\"b\"}"), Instant.EPOCH, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodes_metadata_rules_and_alerts() {
        replies.put("/api/v1/metadata", Reply.ok("{\"up\":[{\"type\":\"gauge\",\"help\":\"Up.\",\"unit\":\"\"}]}"));
        replies.put("/api/v1/rules", Reply.ok("{\"groups\":[{\"name\":\"g\",\"file\":\"f.yml\",\"interval\":15,"
                + "\"rules\":[{\"type\":\"alerting\",\"name\":\"HighErrors\",\"query\":\"x > 1\",\"health\":\"ok\","
                + "\"state\":\"firing\",\"labels\":{\"severity\":\"page\"},\"annotations\":{},\"alerts\":[{"
                + "\"labels\":{\"alertname\":\"HighErrors\"},\"annotations\":{},\"state\":\"firing\","
                + "\"activeAt\":\"2026-01-01T00:00:00Z\",\"value\":\"2e+00\"}]}]}]}"));
        replies.put("/api/v1/alerts", Reply.ok("{\"alerts\":[{\"labels\":{\"alertname\":\"A\"},\"annotations\":{},"
                + "\"state\":\"pending\",\"activeAt\":\"2026-01-01T00:00:00.123Z\",\"value\":\"1\"}]}"));
        var c = client();
        assertThat(c.metadata(Optional.empty())).containsEntry("up", List.of(new PrometheusData.MetricMetadata("gauge", "Up.", "")));
        var rule = c.rules().getFirst().rules().getFirst();
        assertThat(rule.name()).isEqualTo("HighErrors");
        assertThat(rule.state()).contains("firing");
        assertThat(rule.alerts().getFirst().activeAt()).contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(c.alerts()).extracting(PrometheusData.Alert::state).containsExactly("pending");
    }

    @Test
    void reports_a_prometheus_error_as_a_bad_query_with_its_message() {
        replies.put("/api/v1/query", new Reply(400, "{\"status\":\"error\",\"errorType\":\"bad_data\","
                + "\"error\":\"invalid parameter \\\"query\\\": 1:1: parse error\"}", 0, false));
        assertThatThrownBy(() -> client().query("(", Instant.EPOCH))
                .isInstanceOfSatisfying(PrometheusException.class,
                        e -> assertThat(e.kind()).isEqualTo(PrometheusException.Kind.BAD_QUERY))
                .hasMessageContaining("bad_data").hasMessageContaining("parse error");
        replies.put("/api/v1/query", new Reply(422, "{\"status\":\"error\",\"errorType\":\"execution\","
                + "\"error\":\"many-to-many matching not allowed\"}", 0, false));
        assertThatThrownBy(() -> client().query("a + b", Instant.EPOCH))
                .isInstanceOfSatisfying(PrometheusException.class,
                        e -> assertThat(e.kind()).isEqualTo(PrometheusException.Kind.SERVER_ERROR));
        replies.put("/api/v1/query", new Reply(503, "<html>Service Unavailable</html>", 0, false));
        assertThatThrownBy(() -> client().query("up", Instant.EPOCH))
                .isInstanceOfSatisfying(PrometheusException.class,
                        e -> assertThat(e.kind()).isEqualTo(PrometheusException.Kind.SERVER_ERROR))
                .hasMessageContaining("HTTP 503");
        replies.put("/api/v1/query", new Reply(200, "not json", 0, false));
        assertThatThrownBy(() -> client().query("up", Instant.EPOCH))
                .isInstanceOfSatisfying(PrometheusException.class,
                        e -> assertThat(e.kind()).isEqualTo(PrometheusException.Kind.INVALID_RESPONSE));
    }

    @Test
    void gives_up_on_a_slow_backend_after_the_request_timeout() {
        replies.put("/api/v1/query", new Reply(200, "{}", 2_000, false));
        var c = connection();
        var client = new PrometheusClient(new PrometheusConnection(c.baseUrl(), Map.of(), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(1), Duration.ofMillis(300), 1024));
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.query("up", Instant.EPOCH))
                .isInstanceOfSatisfying(PrometheusException.class,
                        e -> assertThat(e.kind()).isEqualTo(PrometheusException.Kind.TIMEOUT))
                .hasMessageContaining("within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
    }

    @Test
    void says_the_backend_is_unreachable_when_nothing_listens() throws IOException {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var client = new PrometheusClient(PrometheusConnection.of(URI.create("http://127.0.0.1:" + port)));
        assertThatThrownBy(() -> client.query("up", Instant.EPOCH))
                .isInstanceOfSatisfying(PrometheusException.class,
                        e -> assertThat(e.kind()).isEqualTo(PrometheusException.Kind.UNREACHABLE))
                .hasMessageContaining("unreachable");
    }

    @Test
    void refuses_an_answer_larger_than_the_limit_even_when_compressed() {
        String big = "[" + "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",".repeat(1000) + "\"a\"]";
        replies.put("/api/v1/labels", new Reply(200, "{\"status\":\"success\",\"data\":" + big + "}", 0, true));
        var c = connection();
        var client = new PrometheusClient(new PrometheusConnection(c.baseUrl(), Map.of(), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(5), 10_000));
        assertThatThrownBy(() -> client.labels(List.of("up"), Instant.EPOCH, Instant.EPOCH))
                .isInstanceOfSatisfying(PrometheusException.class,
                        e -> assertThat(e.kind()).isEqualTo(PrometheusException.Kind.RESPONSE_TOO_LARGE));
        var roomy = new PrometheusClient(connection());
        assertThat(roomy.labels(List.of("up"), Instant.EPOCH, Instant.EPOCH)).hasSize(1001);
    }

    @Test
    void sends_configured_headers_and_credentials() {
        replies.put("/api/v1/labels", Reply.ok("[]"));
        var c = connection();
        new PrometheusClient(new PrometheusConnection(c.baseUrl(), Map.of("X-Scope-OrgID", "tenant-1"),
                Optional.of(new PrometheusConnection.BasicAuth("reader", "example-password")), Optional.empty(),
                Duration.ofSeconds(1), Duration.ofSeconds(5), 1024)).labels(List.of("up"), Instant.EPOCH, Instant.EPOCH);
        assertThat(lastHeaders).containsEntry("x-scope-orgid", "tenant-1")
                .containsEntry("authorization", "Basic cmVhZGVyOmV4YW1wbGUtcGFzc3dvcmQ=");
        new PrometheusClient(new PrometheusConnection(c.baseUrl(), Map.of(), Optional.empty(),
                Optional.of("example-token"), Duration.ofSeconds(1), Duration.ofSeconds(5), 1024))
                .labels(List.of("up"), Instant.EPOCH, Instant.EPOCH);
        assertThat(lastHeaders).containsEntry("authorization", "Bearer example-token");
        assertThatThrownBy(() -> new PrometheusConnection(c.baseUrl(), Map.of(),
                Optional.of(new PrometheusConnection.BasicAuth("a", "b")), Optional.of("t"), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
