package dev.periscope.metrics.promql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.metrics.prometheus.PrometheusHarness;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A differential check of the scoper against Prometheus's own parser: Prometheus parses each scoped query and
 * prints it back ({@code /api/v1/format_query}); that text, parsed again here, must still carry the scope in every
 * selector. A query that this parser and Prometheus's read differently would fail here.
 */
class PrometheusAgreesOnScopingIT {

    static final List<LabelMatcher> SCOPE = List.of(LabelMatcher.equal("team", "web"));
    static final PromQlScoper SCOPER = new PromQlScoper(SCOPE, java.time.Duration.ofDays(3650));

    /** Functions of newer Prometheus versions than the harness's 2.42; the parser knows them for newer servers. */
    static final List<String> NEWER_FUNCTIONS = List.of("histogram_avg", "histogram_stddev", "histogram_stdvar",
            "sort_by_label", "sort_by_label_desc", "mad_over_time", "double_exponential_smoothing");

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final JsonMapper json = JsonMapper.builder().build();

    private JsonNode format(String query) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(PrometheusHarness.instance().baseUrl().resolve("/api/v1/format_query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .build();
        return json.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private void check(List<String> queries) throws IOException, InterruptedException {
        var rejected = new ArrayList<String>();
        for (String query : queries) {
            String scoped = SCOPER.scope(query);
            JsonNode answer = format(scoped);
            if (!"success".equals(answer.path("status").asString(""))) {
                String error = answer.path("error").asString("");
                if (NEWER_FUNCTIONS.stream().anyMatch(f -> error.contains("unknown function with name \"" + f + "\""))) {
                    continue;
                }
                rejected.add(scoped + "  ->  " + answer.path("error").asString(""));
                continue;
            }
            String prometheusText = answer.path("data").asString("");
            PromQlScoperTest.assertScoped(prometheusText, SCOPE);
        }
        assertThat(rejected).as("scoped queries Prometheus refused to parse").isEmpty();
    }

    @Test
    void prometheus_parses_every_scoped_corpus_expression_with_the_scope_in_every_selector() throws Exception {
        check(Expressions.all());
    }

    @Test
    void prometheus_parses_random_scoped_expressions_with_the_scope_in_every_selector() throws Exception {
        check(RandomExpressions.generate(RandomExpressions.seed(), 1_000));
    }
}
