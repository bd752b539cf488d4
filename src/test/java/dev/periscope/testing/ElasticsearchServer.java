package dev.periscope.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Elasticsearch (the minimal integ-test distribution from Maven Central, unpacked by the build), started once
 * per test run and shared by every integration test class: single node, 127.0.0.1, free ports, 512 MB heap, security
 * off. Elasticsearch refuses to run as root, so a root harness runs it as a system user through {@code runuser}. It is
 * stopped when the JVM exits.
 */
public final class ElasticsearchServer {

    private static final String SYSTEM_USER = "periscope-es";
    private static ElasticsearchServer instance;

    private final URI uri;
    private final Duration startup;

    private ElasticsearchServer(URI uri, Duration startup) {
        this.uri = uri;
        this.startup = startup;
    }

    /** The shared node, started on first use. */
    public static synchronized ElasticsearchServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public URI uri() {
        return uri;
    }

    /** How long the node took to become ready. */
    public Duration startup() {
        return startup;
    }

    private static ElasticsearchServer start() {
        Path home = Path.of(System.getProperty("periscope.elasticsearch.home", "target/servers/elasticsearch"));
        if (!Files.isExecutable(home.resolve("bin/elasticsearch"))) {
            throw new IllegalStateException("Elasticsearch is not unpacked at " + home + " (the build's "
                    + "pre-integration-test phase unpacks it from Maven Central)");
        }
        Instant started = Instant.now();
        try {
            int http = freePort();
            int transport = freePort();
            Path data = home.resolve("data");
            deleteRecursively(data);
            Files.createDirectories(data);
            Path log = Files.createDirectories(Path.of("target", "elasticsearch-it")).resolve("elasticsearch.log");
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                ensureSystemUser(home);
                command.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
            }
            command.addAll(List.of(home.resolve("bin/elasticsearch").toAbsolutePath().toString(),
                    "-Ediscovery.type=single-node", "-Enetwork.host=127.0.0.1", "-Ehttp.port=" + http,
                    "-Etransport.port=" + transport, "-Expack.security.enabled=false", "-Expack.ml.enabled=false",
                    "-Epath.data=" + data.toAbsolutePath(), "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }));
            URI uri = URI.create("http://127.0.0.1:" + http);
            awaitHealth(process, uri, Duration.ofSeconds(180), log);
            return new ElasticsearchServer(uri, Duration.between(started, Instant.now()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Could not start Elasticsearch", e);
        }
    }

    /** Creates the system user if needed and gives it the distribution (config and data are written at start). */
    private static void ensureSystemUser(Path home) throws IOException, InterruptedException {
        if (run("id", "-u", SYSTEM_USER) != 0) {
            run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SYSTEM_USER);
        }
        if (run("chown", "-R", SYSTEM_USER, home.toAbsolutePath().toString()) != 0) {
            throw new IllegalStateException("cannot give " + home + " to " + SYSTEM_USER);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }

    /** The minimal distribution answers 405 on {@code GET /}: readiness is cluster health. */
    private static void awaitHealth(Process process, URI uri, Duration timeout, Path log) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = uri.resolve("/_cluster/health?wait_for_status=yellow&timeout=5s");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Elasticsearch exited during start-up; see " + log.toAbsolutePath());
            }
            try {
                if (client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException("Elasticsearch was not ready in " + timeout.toSeconds() + " s; see "
                + log.toAbsolutePath());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
