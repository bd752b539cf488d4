package dev.periscope.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.testing.ElasticsearchServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole demo on a cluster: the packaged portal with the demo profile and {@code periscope.logs.store=elasticsearch}
 * writes its demo traffic to the shared test node with bulk requests, serves searches from it, and ships its audit
 * records to the audit index. A second portal pointed at a closed port answers 503 with a message, not a stack trace.
 */
class DemoOnElasticsearchIT {

    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("oncall:oncall".getBytes());
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_demo_runs_on_elasticsearch_and_ships_its_audit_records() throws Exception {
        URI es = ElasticsearchServer.get().uri();
        RunningPortal portal = RunningPortal.start("demo-es", List.of("--spring.profiles.active=demo",
                "--periscope.logs.store=elasticsearch", "--periscope.logs.elasticsearch.hosts=" + es,
                "--periscope.logs.elasticsearch.write-index=periscope-demo-logs",
                "--periscope.logs.elasticsearch.index-pattern=periscope-demo-logs",
                "--periscope.logs.elasticsearch.audit-index=periscope-demo-audit"));
        portal.awaitDemoData();

        HttpResponse<String> search = get(portal.url("/api/v1/logs/search?q=level:ERROR&from=now-24h&limit=5"));
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains("\"events\":[{").contains("ERROR");
        assertThat(count(es, "periscope-demo-logs")).isPositive();
        assertThat(eventually(() -> count(es, "periscope-demo-audit"), Duration.ofSeconds(60)))
                .as("audit records shipped to the cluster").isPositive();
        assertThat(get(portal.url("/actuator/prometheus")).body())
                .as("events the cluster refused for their fields are counted")
                .contains("periscope_ingest_unindexed_total{application=\"periscope\"} 0.0");
    }

    @Test
    void an_unreachable_cluster_answers_503_with_a_message() throws Exception {
        int closed = RunningPortal.freePort();
        RunningPortal portal = RunningPortal.start("demo-es-down", List.of("--spring.profiles.active=demo",
                "--periscope.logs.store=elasticsearch", "--periscope.logs.elasticsearch.hosts=http://127.0.0.1:"
                        + closed, "--periscope.logs.elasticsearch.connect-timeout=500ms",
                "--periscope.logs.elasticsearch.audit-index=", "--periscope.demo.traffic.enabled=false",
                "--periscope.ingest.enabled=false"));
        HttpResponse<String> search = get(portal.url("/api/v1/logs/search?q=level:ERROR&from=now-1h&limit=5"));
        assertThat(search.statusCode()).isEqualTo(503);
        assertThat(search.body()).contains("backend_unavailable").contains("cannot be reached")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", AUTH).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long count(URI es, String index) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(es.resolve("/" + index + "/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        String body = http.send(HttpRequest.newBuilder(es.resolve("/" + index + "/_count")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        var matcher = java.util.regex.Pattern.compile("\"count\":(\\d+)").matcher(body);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    private interface Count {
        long get() throws Exception;
    }

    private static long eventually(Count count, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        long n = count.get();
        while (n == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            n = count.get();
        }
        return n;
    }
}
