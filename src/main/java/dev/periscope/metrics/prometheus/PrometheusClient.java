package dev.periscope.metrics.prometheus;

import dev.periscope.metrics.prometheus.PrometheusData.Alert;
import dev.periscope.metrics.prometheus.PrometheusData.MetricMetadata;
import dev.periscope.metrics.prometheus.PrometheusData.QueryResult;
import dev.periscope.metrics.prometheus.PrometheusData.ResultType;
import dev.periscope.metrics.prometheus.PrometheusData.Rule;
import dev.periscope.metrics.prometheus.PrometheusData.RuleGroup;
import dev.periscope.metrics.prometheus.PrometheusData.Sample;
import dev.periscope.metrics.prometheus.PrometheusData.Series;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client for the Prometheus HTTP API (v1) on {@code java.net.http}.
 *
 * <p>It sends exactly the text it is given: callers pass only queries and selectors the scoper has rewritten. Queries
 * and selectors travel in a form-encoded POST body rather than the URL, so they do not land in proxies' access logs;
 * only the label-values endpoint, which has no POST form, carries its selectors in the URL.
 */
public final class PrometheusClient implements PrometheusApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrometheusConnection connection;
    private final HttpClient http;
    private final URI api;

    public PrometheusClient(PrometheusConnection connection) {
        this.connection = connection;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connection.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String base = connection.baseUrl().toString();
        this.api = URI.create(base.endsWith("/") ? base : base + "/").resolve("api/v1/");
    }

    /** Evaluates an instant query at {@code time}. */
    @Override
    public QueryResult query(String promql, Instant time) {
        var form = new Form().add("query", promql).add("time", seconds(time)).add("timeout", timeoutParam());
        return queryResult(post("query", form));
    }

    /** Evaluates a range query from {@code start} to {@code end}, inclusive, every {@code step}. */
    @Override
    public QueryResult queryRange(String promql, Instant start, Instant end, Duration step) {
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("step must be positive");
        }
        var form = new Form().add("query", promql).add("start", seconds(start)).add("end", seconds(end))
                .add("step", step.toMillis() / 1000.0 + "").add("timeout", timeoutParam());
        return queryResult(post("query_range", form));
    }

    /** The label sets of the series matching any of the selectors, in the time range. */
    @Override
    public List<Map<String, String>> series(List<String> selectors, Instant start, Instant end) {
        requireSelectors(selectors);
        var form = new Form().add("start", seconds(start)).add("end", seconds(end));
        selectors.forEach(s -> form.add("match[]", s));
        var result = new ArrayList<Map<String, String>>();
        for (JsonNode n : post("series", form)) {
            result.add(stringMap(n));
        }
        return result;
    }

    /** The label names of the series matching any of the selectors, in the time range. */
    @Override
    public List<String> labels(List<String> selectors, Instant start, Instant end) {
        requireSelectors(selectors);
        var form = new Form().add("start", seconds(start)).add("end", seconds(end));
        selectors.forEach(s -> form.add("match[]", s));
        return strings(post("labels", form));
    }

    /** The values of one label over the series matching any of the selectors, in the time range. */
    @Override
    public List<String> labelValues(String label, List<String> selectors, Instant start, Instant end) {
        requireSelectors(selectors);
        if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw new IllegalArgumentException("not a label name");
        }
        var form = new Form().add("start", seconds(start)).add("end", seconds(end));
        selectors.forEach(s -> form.add("match[]", s));
        return strings(get("label/" + label + "/values?" + form.encode()));
    }

    /** Metric metadata (type, help, unit) by metric name; all metrics when {@code metric} is empty. */
    @Override
    public Map<String, List<MetricMetadata>> metadata(Optional<String> metric) {
        String query = metric.map(m -> "metadata?metric=" + URLEncoder.encode(m, StandardCharsets.UTF_8)).orElse("metadata");
        var result = new LinkedHashMap<String, List<MetricMetadata>>();
        for (var entry : get(query).properties()) {
            var list = new ArrayList<MetricMetadata>();
            for (JsonNode m : entry.getValue()) {
                list.add(new MetricMetadata(m.path("type").asString(""), m.path("help").asString(""),
                        m.path("unit").asString("")));
            }
            result.put(entry.getKey(), List.copyOf(list));
        }
        return result;
    }

    /** The alerting and recording rule groups, with the alerts each alerting rule holds. */
    @Override
    public List<RuleGroup> rules() {
        var groups = new ArrayList<RuleGroup>();
        for (JsonNode g : get("rules").path("groups")) {
            var rules = new ArrayList<Rule>();
            for (JsonNode r : g.path("rules")) {
                var alerts = new ArrayList<Alert>();
                for (JsonNode a : r.path("alerts")) {
                    alerts.add(alert(a));
                }
                rules.add(new Rule(r.path("type").asString(""), r.path("name").asString(""),
                        r.path("query").asString(""), r.path("health").asString(""),
                        r.path("state").stringValueOpt(), stringMap(r.path("labels")),
                        stringMap(r.path("annotations")), alerts));
            }
            groups.add(new RuleGroup(g.path("name").asString(""), g.path("file").asString(""),
                    g.path("interval").asDouble(0), rules));
        }
        return groups;
    }

    /** The alerts that are pending or firing now. */
    @Override
    public List<Alert> alerts() {
        var alerts = new ArrayList<Alert>();
        for (JsonNode a : get("alerts").path("alerts")) {
            alerts.add(alert(a));
        }
        return alerts;
    }

    // ---------------------------------------------------------------- requests

    private static void requireSelectors(List<String> selectors) {
        // Without match[], these APIs answer for every series on the server.
        if (selectors.isEmpty()) {
            throw new IllegalArgumentException("at least one series selector is required");
        }
    }

    private String timeoutParam() {
        return Math.max(1, connection.requestTimeout().toMillis()) + "ms";
    }

    private static String seconds(Instant t) {
        return java.math.BigDecimal.valueOf(t.getEpochSecond()).add(java.math.BigDecimal.valueOf(t.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }

    private JsonNode post(String endpoint, Form form) {
        var request = request(api.resolve(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.encode()))
                .build();
        return send(request, endpoint);
    }

    private JsonNode get(String endpointAndQuery) {
        return send(request(api.resolve(endpointAndQuery)).GET().build(), endpointAndQuery.split("\\?")[0]);
    }

    private HttpRequest.Builder request(URI uri) {
        var builder = HttpRequest.newBuilder(uri)
                .timeout(connection.requestTimeout())
                .header("Accept", "application/json")
                .header("Accept-Encoding", "gzip");
        connection.headers().forEach(builder::header);
        connection.basicAuth().ifPresent(b -> builder.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((b.username() + ":" + b.password()).getBytes(StandardCharsets.UTF_8))));
        connection.bearerToken().ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        return builder;
    }

    private JsonNode send(HttpRequest request, String endpoint) {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new PrometheusException(PrometheusException.Kind.UNREACHABLE,
                    "metrics backend " + connection.baseUrl() + " did not accept a connection within "
                            + connection.connectTimeout().toMillis() + " ms", e);
        } catch (HttpTimeoutException e) {
            throw new PrometheusException(PrometheusException.Kind.TIMEOUT,
                    "metrics backend did not answer " + endpoint + " within " + connection.requestTimeout().toMillis()
                            + " ms", e);
        } catch (ConnectException | UnresolvedAddressException e) {
            throw new PrometheusException(PrometheusException.Kind.UNREACHABLE,
                    "metrics backend " + connection.baseUrl() + " is unreachable: connection refused or host unknown", e);
        } catch (IOException e) {
            throw new PrometheusException(PrometheusException.Kind.UNREACHABLE,
                    "metrics backend " + connection.baseUrl() + " failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PrometheusException(PrometheusException.Kind.TIMEOUT, "interrupted while waiting for " + endpoint, e);
        }
        byte[] body = readLimited(response);
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new PrometheusException(response.statusCode() >= 400 ? PrometheusException.Kind.SERVER_ERROR
                    : PrometheusException.Kind.INVALID_RESPONSE,
                    "metrics backend answered " + endpoint + " with HTTP " + response.statusCode()
                            + " and a body that is not Prometheus API JSON");
        }
        String status = root.path("status").asString("");
        if (!"success".equals(status) || response.statusCode() >= 400) {
            String errorType = root.path("errorType").asString("");
            String error = root.path("error").asString("");
            var kind = response.statusCode() == 400 || "bad_data".equals(errorType)
                    ? PrometheusException.Kind.BAD_QUERY
                    : "timeout".equals(errorType) || "canceled".equals(errorType)
                    ? PrometheusException.Kind.TIMEOUT
                    : PrometheusException.Kind.SERVER_ERROR;
            throw new PrometheusException(kind, "metrics backend refused " + endpoint + " (HTTP "
                    + response.statusCode() + (errorType.isEmpty() ? "" : ", " + errorType) + ")"
                    + (error.isEmpty() ? "" : ": " + error));
        }
        return root.path("data");
    }

    private byte[] readLimited(HttpResponse<InputStream> response) {
        long limit = connection.maxResponseBytes();
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (InputStream raw = response.body()) {
            if (declared > limit) {
                throw tooLarge();
            }
            boolean gzip = response.headers().firstValue("Content-Encoding")
                    .map(v -> v.toLowerCase(Locale.ROOT).contains("gzip")).orElse(false);
            // The limit counts decompressed bytes, so a small compressed answer cannot expand past it.
            InputStream in = gzip ? new GZIPInputStream(raw) : raw;
            var out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + (long) n > limit) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (HttpTimeoutException e) {
            throw new PrometheusException(PrometheusException.Kind.TIMEOUT, "metrics backend's answer did not arrive in time", e);
        } catch (IOException e) {
            throw new PrometheusException(PrometheusException.Kind.INVALID_RESPONSE,
                    "metrics backend's answer could not be read: " + e.getClass().getSimpleName(), e);
        }
    }

    private PrometheusException tooLarge() {
        return new PrometheusException(PrometheusException.Kind.RESPONSE_TOO_LARGE,
                "the answer is larger than the limit of " + connection.maxResponseBytes()
                        + " bytes: narrow the query, shorten the range or raise the step");
    }

    // ---------------------------------------------------------------- decoding

    private static QueryResult queryResult(JsonNode data) {
        String type = data.path("resultType").asString("");
        var warnings = new ArrayList<String>();
        JsonNode result = data.path("result");
        return switch (type) {
            case "vector" -> {
                var series = new ArrayList<Series>();
                for (JsonNode s : result) {
                    series.add(new Series(stringMap(s.path("metric")), List.of(sample(s.path("value")))));
                }
                yield new QueryResult(ResultType.VECTOR, series, Optional.empty(), Optional.empty(), warnings);
            }
            case "matrix" -> {
                var series = new ArrayList<Series>();
                for (JsonNode s : result) {
                    var samples = new ArrayList<Sample>(s.path("values").size());
                    for (JsonNode v : s.path("values")) {
                        samples.add(sample(v));
                    }
                    series.add(new Series(stringMap(s.path("metric")), samples));
                }
                yield new QueryResult(ResultType.MATRIX, series, Optional.empty(), Optional.empty(), warnings);
            }
            case "scalar" -> new QueryResult(ResultType.SCALAR, List.of(), Optional.of(sample(result)),
                    Optional.empty(), warnings);
            case "string" -> new QueryResult(ResultType.STRING, List.of(), Optional.empty(),
                    Optional.of(result.path(1).asString("")), warnings);
            default -> throw new PrometheusException(PrometheusException.Kind.INVALID_RESPONSE,
                    "metrics backend answered with an unknown result type");
        };
    }

    private static Sample sample(JsonNode pair) {
        if (!pair.isArray() || pair.size() != 2) {
            throw new PrometheusException(PrometheusException.Kind.INVALID_RESPONSE, "malformed sample in answer");
        }
        return new Sample(pair.path(0).asDouble(), parseValue(pair.path(1).asString("")));
    }

    /** Prometheus writes values as strings, including "NaN", "+Inf" and "-Inf". */
    static double parseValue(String v) {
        return switch (v) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new PrometheusException(PrometheusException.Kind.INVALID_RESPONSE, "malformed sample value");
                }
            }
        };
    }

    private static Alert alert(JsonNode a) {
        Optional<Instant> activeAt = a.path("activeAt").stringValueOpt().flatMap(s -> {
            try {
                return Optional.of(Instant.parse(s));
            } catch (java.time.format.DateTimeParseException e) {
                return Optional.empty();
            }
        });
        return new Alert(stringMap(a.path("labels")), stringMap(a.path("annotations")), a.path("state").asString(""),
                activeAt, a.path("value").asString(""));
    }

    private static Map<String, String> stringMap(JsonNode object) {
        var map = new LinkedHashMap<String, String>();
        for (var e : object.properties()) {
            map.put(e.getKey(), e.getValue().asString(""));
        }
        return map;
    }

    private static List<String> strings(JsonNode array) {
        var list = new ArrayList<String>(array.size());
        for (JsonNode n : array) {
            list.add(n.asString(""));
        }
        return list;
    }

    /** An application/x-www-form-urlencoded body or query string; keys may repeat (match[]). */
    private static final class Form {
        private final StringBuilder sb = new StringBuilder();

        Form add(String key, String value) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            return this;
        }

        String encode() {
            return sb.toString();
        }
    }
}
