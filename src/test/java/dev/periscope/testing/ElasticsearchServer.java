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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Elasticsearch (the minimal integ-test distribution from Maven Central, unpacked by the build), started once
 * per test run and shared by every integration test class: single node, 127.0.0.1, free ports, 512 MB heap, security
 * off. Elasticsearch refuses to run as root, so a root harness runs it as a system user through {@code runuser}. That
 * user must be able to enter every directory above the distribution; when a checkout lies in a private directory (a
 * home directory or {@code mktemp -d}, mode 700), the distribution is copied to a shared temporary directory first. It
 * is stopped when the JVM exits.
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
            List<String> command = new ArrayList<>();
            Path copy = null;
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                ensureSystemUser();
                if (!systemUserCanRun(home)) {
                    copy = copyToSharedTemporaryDirectory(home);
                    home = copy.resolve("elasticsearch");
                }
                command.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
            }
            Path data = home.resolve("data");
            deleteRecursively(data);
            Files.createDirectories(data);
            if (root) {
                giveToSystemUser(home);
            }
            Path log = Files.createDirectories(Path.of("target", "elasticsearch-it")).resolve("elasticsearch.log");
            command.addAll(List.of(home.resolve("bin/elasticsearch").toAbsolutePath().toString(),
                    "-Ediscovery.type=single-node", "-Enetwork.host=127.0.0.1", "-Ehttp.port=" + http,
                    "-Etransport.port=" + transport, "-Expack.security.enabled=false", "-Expack.ml.enabled=false",
                    "-Epath.data=" + data.toAbsolutePath(), "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
            Process process = builder.start();
            Path copyToRemove = copy;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process, copyToRemove)));
            URI uri = URI.create("http://127.0.0.1:" + http);
            awaitHealth(process, uri, Duration.ofSeconds(180), log);
            return new ElasticsearchServer(uri, Duration.between(started, Instant.now()));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Could not start Elasticsearch", e);
        }
    }

    private static void stop(Process process, Path copy) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (copy == null) {
            return;
        }
        try {
            process.waitFor(30, TimeUnit.SECONDS);
            deleteRecursively(copy);
        } catch (IOException | InterruptedException e) {
            System.err.println("Could not remove the Elasticsearch copy at " + copy + ": " + e);
        }
    }

    private static void ensureSystemUser() throws IOException, InterruptedException {
        if (run("id", "-u", SYSTEM_USER) != 0) {
            run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SYSTEM_USER);
        }
    }

    /** Config and data are written at start, so the system user owns the whole distribution. */
    private static void giveToSystemUser(Path dir) throws IOException, InterruptedException {
        if (run("chown", "-R", SYSTEM_USER, dir.toAbsolutePath().toString()) != 0) {
            throw new IllegalStateException("cannot give " + dir + " to " + SYSTEM_USER);
        }
    }

    /** False when a directory above the distribution is closed to other users (ownership alone does not help). */
    private static boolean systemUserCanRun(Path home) throws IOException, InterruptedException {
        return run("runuser", "-u", SYSTEM_USER, "--", "test", "-x",
                home.resolve("bin/elasticsearch").toAbsolutePath().toString()) == 0;
    }

    /** Returns the new temporary directory, which holds the copy as {@code elasticsearch}. */
    private static Path copyToSharedTemporaryDirectory(Path home) throws IOException, InterruptedException {
        Path shared = Files.createTempDirectory("periscope-es-");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path copy = shared.resolve("elasticsearch");
        if (run("cp", "-a", home.toAbsolutePath().toString(), copy.toString()) != 0) {
            throw new IllegalStateException("cannot copy " + home + " to " + copy);
        }
        if (!systemUserCanRun(copy)) {
            deleteRecursively(shared);
            throw new IllegalStateException(SYSTEM_USER + " cannot run Elasticsearch from " + copy
                    + " either; is the temporary directory " + shared.getParent() + " closed to other users?");
        }
        return shared;
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
