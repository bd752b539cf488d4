package dev.periscope.metrics.prometheus;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus (Debian's {@code prometheus} package), started once per test run on a free loopback port, with a
 * fresh TSDB backfilled by {@code promtool} from {@link RedData} and the node_exporter corpus.
 *
 * <p>The data lies in a fixed past window, so tests query it with explicit times; retention is long so Prometheus
 * never deletes it. Alerting rules on {@code vector(1)} fire (one for team web, one for team ops) or stay pending
 * (for an hour), for the rules and alerts APIs: rules are evaluated at wall-clock time, so they need no fixture data.
 */
public final class PrometheusHarness {

    private static PrometheusHarness instance;

    private final URI baseUrl;
    private final Process process;
    private final Path dir;
    final int nodeSeries;

    private PrometheusHarness(URI baseUrl, Process process, Path dir, int nodeSeries) {
        this.baseUrl = baseUrl;
        this.process = process;
        this.dir = dir;
        this.nodeSeries = nodeSeries;
    }

    /** The running server, started on first use and stopped when the test JVM exits. */
    public static synchronized PrometheusHarness instance() {
        if (instance == null) {
            try {
                instance = start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start Prometheus for the tests", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting Prometheus", e);
            }
        }
        return instance;
    }

    public URI baseUrl() {
        return baseUrl;
    }

    static Optional<Path> onPath(String binary) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(d -> !d.isBlank())
                .map(d -> Path.of(d, binary))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Path require(String binary) {
        return onPath(binary).orElseThrow(() -> new IllegalStateException(binary + " is not installed: run "
                + "'apt-get install -y --no-install-recommends prometheus' (Debian's package has prometheus and promtool)"));
    }

    private static PrometheusHarness start() throws IOException, InterruptedException {
        Path prometheus = require("prometheus");
        Path promtool = require("promtool");
        Path dir = Files.createTempDirectory("periscope-prometheus-");
        Path data = dir.resolve("data");
        Path openMetrics = dir.resolve("fixture.om");
        int nodeSeries;
        try (BufferedWriter out = Files.newBufferedWriter(openMetrics, StandardCharsets.UTF_8)) {
            RedData.write(out);
            nodeSeries = NodeExporterCorpus.write(out);
            out.write("# EOF\n");
        }
        run(List.of(promtool.toString(), "tsdb", "create-blocks-from", "openmetrics", openMetrics.toString(),
                data.toString()), dir.resolve("promtool.log"), Duration.ofMinutes(3));
        Files.writeString(dir.resolve("rules.yml"), """
                groups:
                  - name: periscope-test
                    interval: 1s
                    rules:
                      - alert: AlwaysFiring
                        expr: vector(1)
                        labels:
                          team: web
                          severity: page
                        annotations:
                          summary: fires so that the alerts API has something to show
                      - alert: OpsAlwaysFiring
                        expr: vector(1)
                        labels:
                          team: ops
                          service: search
                          severity: page
                        annotations:
                          summary: another team's alert, which a web user must not see
                      - alert: WebPendingForAnHour
                        expr: vector(1) > 0
                        for: 1h
                        labels:
                          team: web
                          service: checkout
                          severity: ticket
                        annotations:
                          summary: pending for an hour; last seen for olivia@example.com
                          dashboard: checkout
                """);
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  evaluation_interval: 1s
                rule_files:
                  - rules.yml
                """);
        int port = freePort();
        Process process = new ProcessBuilder(prometheus.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + data,
                "--storage.tsdb.retention.time=100y",
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        var harness = new PrometheusHarness(URI.create("http://127.0.0.1:" + port), process, dir, nodeSeries);
        Runtime.getRuntime().addShutdownHook(new Thread(harness::stop, "prometheus-harness-stop"));
        harness.awaitReady();
        return harness;
    }

    private static void run(List<String> command, Path log, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command.getFirst() + " did not finish in " + timeout);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
            }
            try {
                var response = http.send(HttpRequest.newBuilder(baseUrl.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Prometheus was not ready within 60 s: "
                + Files.readString(dir.resolve("prometheus.log")));
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
