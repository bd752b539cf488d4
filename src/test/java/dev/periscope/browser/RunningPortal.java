package dev.periscope.browser;

import java.io.IOException;
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
import java.util.List;

/**
 * The packaged portal, started once per test run in the demo profile on a free loopback port, and stopped when the
 * test JVM exits. Browser tests share it, so its start-up cost is paid once.
 */
final class RunningPortal {

    private static RunningPortal demo;

    private final Process process;
    private final String baseUrl;
    private final Path log;
    private final Path data;

    private RunningPortal(Process process, String baseUrl, Path log, Path data) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
        this.data = data;
    }

    /** The demo-profile portal shared by the run. */
    static synchronized RunningPortal get() {
        if (demo == null) {
            demo = start("demo", List.of("--spring.profiles.active=demo"));
        }
        return demo;
    }

    /** A portal with the given arguments on its own free port; stopped when the test JVM exits. */
    static RunningPortal start(String name, List<String> arguments) {
        try {
            return start(name, freePort(), arguments);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static RunningPortal start(String name, int port, List<String> arguments) {
        // Several builds share two cores at times; a start under that load has been seen to take over 90 s.
        return start(name, port, arguments, Duration.ofSeconds(180));
    }

    /** A second portal started while the shared one still ingests its backfill may need more than the usual wait. */
    static RunningPortal start(String name, List<String> arguments, Duration readiness) {
        try {
            return start(name, freePort(), arguments, readiness);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RunningPortal start(String name, int port, List<String> arguments, Duration readiness) {
        return start(name, port, null, arguments, readiness);
    }

    /** A portal on its own port whose data (log index included) lives in {@code dataDirectory}, not a fresh one. */
    static RunningPortal start(String name, int port, Path dataDirectory, List<String> arguments, Duration readiness) {
        RunningPortal portal = launch(name, port, dataDirectory, arguments, readiness);
        Runtime.getRuntime().addShutdownHook(new Thread(portal.process::destroy));
        return portal;
    }

    private volatile boolean demoDataSeen;

    /**
     * Waits until the demo traffic's whole backfill is searchable. The portal reports ready before its first ingest
     * commit, and the backfill is written while ingest already reads it: a test that looks at the last hour (the
     * incident the backfill plants 90 minutes before the start included) needs all of it read, not just its start.
     */
    void awaitDemoData() {
        if (demoDataSeen) {
            return;
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        Path backfilled = data.resolve("ingest").resolve("demo").resolve(".backfill-done");
        int caughtUp = 0;
        while (Instant.now().isBefore(deadline)) {
            try {
                caughtUp = Files.exists(backfilled) && ingestLagBytes() < 1 << 20 && anyErrorSearchable()
                        ? caughtUp + 1 : 0;
                // Twice in a row, a second apart: the second look also sees the refresh after the last batch read.
                if (caughtUp == 2) {
                    demoDataSeen = true;
                    return;
                }
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("The demo backfill was not all searchable in 180 s; see "
                + log.toAbsolutePath());
    }

    private boolean anyErrorSearchable() {
        HttpResponse<String> response = apiGet("/api/v1/logs/search?q=level:ERROR&from=now-24h&limit=1", "oncall");
        return response.statusCode() == 200 && !response.body().contains("\"total\":0,");
    }

    /** The ingest lag the portal's own metrics report; unknown counts as far behind. */
    private long ingestLagBytes() {
        HttpResponse<String> response = apiGet("/actuator/prometheus", "oncall");
        var lag = java.util.regex.Pattern.compile("(?m)^periscope_ingest_lag_bytes\\{[^}]*} ([0-9.eE+]+)$")
                .matcher(response.body());
        return response.statusCode() == 200 && lag.find() ? (long) Double.parseDouble(lag.group(1)) : Long.MAX_VALUE;
    }

    String url(String path) {
        return baseUrl + path;
    }

    /** A GET on the REST API as a demo user (HTTP Basic, password = name); the status and body. */
    HttpResponse<String> apiGet(String pathAndQuery, String user) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(pathAndQuery)))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                            .encodeToString((user + ":" + user).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The portal's process, to read its resident memory and CPU time. */
    ProcessHandle process() {
        return process.toHandle();
    }

    /** Stops the portal now rather than when the test JVM exits. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static RunningPortal launch(String name, int port, @org.jspecify.annotations.Nullable Path dataDirectory,
            List<String> arguments, Duration readiness) {
        String jar = System.getProperty("periscope.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("Browser tests need the packaged jar (run them with Maven's verify phase): " + jar);
        }
        try {
            Path work = Files.createDirectories(Path.of("target", "browser-it"));
            Path data = dataDirectory != null ? dataDirectory : Files.createTempDirectory(work, name + "-data");
            Path log = work.resolve("portal-" + name + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-jar", jar,
                    "--server.address=127.0.0.1",
                    "--server.port=" + port,
                    "--periscope.data.directory=" + data.toAbsolutePath(),
                    "--periscope.ingest.directory=" + data.resolve("ingest").toAbsolutePath()));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            String base = "http://127.0.0.1:" + port;
            ServerReadiness.await("The portal", process, URI.create(base + "/actuator/health/readiness"),
                    readiness, log);
            return new RunningPortal(process, base, log, data);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the portal", e);
        }
    }


    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
