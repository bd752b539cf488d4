package dev.periscope.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API's latency with bearer tokens from a real Keycloak, over a large prebuilt index, for
 * docs/benchmarks.md. Opt-in: {@code -Dperiscope.bench=true}.
 *
 * <p>Builds (or reuses) an index with {@code bench logs --keep}, starts Keycloak and the packaged portal with OIDC
 * login on that index (ingest and demo traffic off, {@code -Xmx512m}), takes an on-call user's access token from
 * Keycloak's token endpoint, then sends rounds of {@code /api/v1/me}, a search (service, level, word, a one-hour range,
 * newest 100) and the histogram of the same query on one kept-alive connection, and prints percentiles per request,
 * the portal's CPU time per round and its resident memory.
 *
 * <p>Settings (system properties): {@code periscope.bench.dir} (where the index is built or found; default
 * {@code target/rest-bench}), {@code periscope.bench.events} (events of a new index; default 10,000,000),
 * {@code periscope.bench.warmup} (rounds; default 200) and {@code periscope.bench.rounds} (measured; default 1,000).
 */
@EnabledIfSystemProperty(named = "periscope.bench", matches = "true")
class RestApiBenchIT {

    private static final String[] SERVICES = {"checkout", "payments", "orders", "users", "inventory", "shipping", "gateway"};
    private static final String[] LEVELS = {"ERROR", "WARN", "INFO"};
    private static final String[] TERMS = {"timeout", "retry", "order", "declined", "reserved", "slow"};
    /** An address as written, before masking: a response containing one leaked it. */
    private static final Pattern RAW_EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /** Keycloak's access tokens live 5 minutes by default: take a new one well before. */
    private static final Duration TOKEN_REFRESH = Duration.ofMinutes(2);

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void measures_the_api_with_bearer_tokens_over_a_large_index() throws Exception {
        Path dir = Path.of(System.getProperty("periscope.bench.dir", "target/rest-bench")).toAbsolutePath();
        long events = Long.parseLong(System.getProperty("periscope.bench.events", "10000000").replace("_", ""));
        int warmup = Integer.getInteger("periscope.bench.warmup", 200);
        int rounds = Integer.getInteger("periscope.bench.rounds", 1000);
        Path index = ensureIndex(dir, events);
        Path data = portalData(dir, index);

        int port = RunningPortal.freePort();
        KeycloakServer keycloak = KeycloakServer.get(port);
        RunningPortal portal = RunningPortal.start("rest-bench", port, data, List.of(
                "--periscope.security.oidc.issuer-uri=" + keycloak.issuer(),
                "--periscope.security.oidc.client-id=periscope",
                "--periscope.security.oidc.client-secret=" + KeycloakServer.CLIENT_SECRET,
                "--periscope.security.oidc.roles-claim=roles",
                "--periscope.access.policy-file=" + Path.of("docker/policy.yaml").toAbsolutePath(),
                "--periscope.masking.token-keys=ktest:" + Base64.getEncoder().encodeToString(
                        "fake-test-token-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII)),
                "--periscope.ingest.enabled=false", "--periscope.demo.traffic.enabled=false",
                "--periscope.metrics.demo.enabled=false"), Duration.ofSeconds(300));
        try {
            awaitQuiet(portal);
            Token token = Token.take(keycloak);
            // A query may span at most the on-call role's 24 hours; the index's span is found in two such queries.
            Instant newest = firstTimestamp(portal, token, "now-23h", "now", "newest");
            Instant oldest = firstTimestamp(portal, token, newest.minus(Duration.ofHours(24).minusMinutes(1)).toString(),
                    newest.toString(), "oldest");
            System.out.printf(Locale.ROOT, "REST bench: index %s, events from %s to %s, %d warm-up rounds, %d measured%n",
                    index, oldest, newest, warmup, rounds);

            long span = Duration.between(oldest, newest).toMillis() - Duration.ofHours(1).toMillis();
            SplittableRandom random = new SplittableRandom(42);
            long[] me = new long[rounds];
            long[] search = new long[rounds];
            long[] histogram = new long[rounds];
            long hits = 0;
            int withEvents = 0;
            int withMaskedValues = 0;
            Duration cpuBefore = Duration.ZERO;
            for (int i = 0; i < warmup + rounds; i++) {
                if (i == warmup) {
                    cpuBefore = cpu(portal);
                }
                token = token.fresh(keycloak);
                String q = "service:" + SERVICES[random.nextInt(SERVICES.length)] + " AND level:"
                        + LEVELS[random.nextInt(LEVELS.length)] + " AND " + TERMS[random.nextInt(TERMS.length)];
                Instant from = oldest.plusMillis((long) (random.nextDouble() * Math.max(0, span)));
                String range = "q=" + encode(q) + "&from=" + from + "&to=" + from.plus(Duration.ofHours(1));

                long t0 = System.nanoTime();
                HttpResponse<String> meResponse = get(portal, "/api/v1/me", token);
                long t1 = System.nanoTime();
                HttpResponse<String> searchResponse = get(portal, "/api/v1/logs/search?" + range
                        + "&limit=100&order=newest", token);
                long t2 = System.nanoTime();
                HttpResponse<String> histogramResponse = get(portal, "/api/v1/logs/histogram?" + range, token);
                long t3 = System.nanoTime();

                assertThat(meResponse.body()).contains("\"ONCALL\"");
                assertThat(RAW_EMAIL.matcher(searchResponse.body()).find()).as("a raw email in %s", q).isFalse();
                JsonNode page = json.readTree(searchResponse.body());
                long total = json.readTree(histogramResponse.body()).get("total").asLong();
                assertThat(page.get("events").size()).as("page of %s", q).isEqualTo((int) Math.min(100, total));
                if (i >= warmup) {
                    int k = i - warmup;
                    me[k] = t1 - t0;
                    search[k] = t2 - t1;
                    histogram[k] = t3 - t2;
                    hits += total;
                    withEvents += total > 0 ? 1 : 0;
                    withMaskedValues += maskedValue(searchResponse.body()) ? 1 : 0;
                }
            }
            Duration cpu = cpu(portal).minus(cpuBefore);

            // The bearer check alone: what the portal spends on a request that does nothing but authenticate.
            long[] meOnly = new long[rounds];
            Duration meCpuBefore = cpu(portal);
            for (int i = 0; i < rounds; i++) {
                token = token.fresh(keycloak);
                long t0 = System.nanoTime();
                get(portal, "/api/v1/me", token);
                meOnly[i] = System.nanoTime() - t0;
            }
            Duration meCpu = cpu(portal).minus(meCpuBefore);

            System.out.printf(Locale.ROOT, "%d rounds: %.0f matching events per query on average, %d queries with"
                    + " events, %d responses with masked values, none with a raw email%n", rounds,
                    hits / (double) rounds, withEvents, withMaskedValues);
            System.out.printf(Locale.ROOT, "  %-42s p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms%n",
                    "GET /api/v1/me (bearer check only)", pct(me, 50), pct(me, 90), pct(me, 99));
            System.out.printf(Locale.ROOT, "  %-42s p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms%n",
                    "GET /api/v1/logs/search (newest 100)", pct(search, 50), pct(search, 90), pct(search, 99));
            System.out.printf(Locale.ROOT, "  %-42s p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms%n",
                    "GET /api/v1/logs/histogram", pct(histogram, 50), pct(histogram, 90), pct(histogram, 99));
            System.out.printf(Locale.ROOT, "  portal CPU: %.1f ms per round of three requests%n",
                    cpu.toNanos() / 1e6 / rounds);
            System.out.printf(Locale.ROOT, "  %-42s p50 %6.1f ms  p90 %6.1f ms  p99 %6.1f ms, portal CPU %.2f ms each%n",
                    rounds + " x GET /api/v1/me alone", pct(meOnly, 50), pct(meOnly, 90), pct(meOnly, 99),
                    meCpu.toNanos() / 1e6 / rounds);
            System.out.printf(Locale.ROOT, "  portal memory: %s%n", memory(portal.process().pid()));
            System.out.printf(Locale.ROOT, "  load average: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());

            assertThat(withEvents).as("queries that found events").isPositive();
            assertThat(withMaskedValues).as("responses showing masked values").isPositive();
        } finally {
            portal.stop();
        }
    }

    /**
     * Waits until the portal uses less than a fifth of a core. An index whose writer was closed mid-merge (as
     * {@code bench logs} leaves it, and as a portal without ingest leaves it, since it never commits) is merged again
     * by the next portal that opens it; measuring meanwhile would measure the merge.
     */
    private static void awaitQuiet(RunningPortal portal) throws InterruptedException {
        Duration window = Duration.ofSeconds(5);
        Instant start = Instant.now();
        Duration cpuAtStart = cpu(portal);
        Duration before = cpuAtStart;
        while (Duration.between(start, Instant.now()).compareTo(Duration.ofMinutes(15)) < 0) {
            Thread.sleep(window.toMillis());
            Duration now = cpu(portal);
            if (now.minus(before).toMillis() < window.toMillis() / 5) {
                System.out.printf(Locale.ROOT, "portal quiet after %d s (%.1f CPU seconds of background work, such as"
                        + " merges, after start-up)%n", Duration.between(start, Instant.now()).toSeconds(),
                        now.minus(cpuAtStart).toMillis() / 1000.0);
                return;
            }
            before = now;
        }
        System.out.println("portal still busy after 15 minutes; measuring anyway");
    }

    /** The index in {@code dir/index}, built by the packaged jar's {@code bench logs} if it is not there yet. */
    private static Path ensureIndex(Path dir, long events) throws IOException, InterruptedException {
        Path index = dir.resolve("index");
        if (Files.isDirectory(index)) {
            return index;
        }
        Path log = Files.createDirectories(dir).resolve("bench-logs.log");
        System.out.printf(Locale.ROOT, "building an index of %,d events in %s (log: %s)%n", events, dir, log);
        Process build = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", System.getProperty("periscope.jar"), "bench", "logs", "--events",
                Long.toString(events), "--queries", "10", "--warmup", "0", "--dir", dir.toString(), "--keep")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (build.waitFor() != 0 || !Files.isDirectory(index)) {
            throw new IllegalStateException("bench logs could not build the index; see " + log);
        }
        return index;
    }

    /** A fresh data directory for the portal whose {@code logs} is the prebuilt index. */
    private static Path portalData(Path dir, Path index) throws IOException {
        Path data = dir.resolve("rest-portal-data");
        if (Files.exists(data)) {
            try (var paths = Files.walk(data)) {
                // Deletes the link, never the index it points to: walk does not follow links.
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(data);
        Files.createSymbolicLink(data.resolve("logs"), index);
        return data;
    }

    private Instant firstTimestamp(RunningPortal portal, Token token, String from, String to, String order)
            throws IOException, InterruptedException {
        HttpResponse<String> response = get(portal, "/api/v1/logs/search?q=&from=" + from + "&to=" + to
                + "&limit=1&order=" + order, token);
        JsonNode events = json.readTree(response.body()).get("events");
        if (events == null || events.isEmpty()) {
            throw new IllegalStateException("The index holds no events of the last 23 hours; delete it to build a"
                    + " new one. " + response.body());
        }
        return Instant.parse(events.get(0).get("timestamp").asString());
    }

    private HttpResponse<String> get(RunningPortal portal, String pathAndQuery, Token token)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(portal.url(pathAndQuery)))
                .header("Authorization", "Bearer " + token.value()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /** An access token and when it was taken, renewed outside the timed requests. */
    private record Token(String value, Instant taken) {

        static Token take(KeycloakServer keycloak) throws IOException, InterruptedException {
            return new Token(keycloak.passwordGrant("periscope", KeycloakServer.CLIENT_SECRET, "oncall", "oncall"),
                    Instant.now());
        }

        Token fresh(KeycloakServer keycloak) throws IOException, InterruptedException {
            return Instant.now().isAfter(taken.plus(TOKEN_REFRESH)) ? take(keycloak) : this;
        }
    }

    private static boolean maskedValue(String body) {
        return body.contains("[REDACTED") || body.contains("[HASH:") || body.contains("\u2039") || body.contains("***");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static Duration cpu(RunningPortal portal) {
        return portal.process().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static String memory(long pid) throws IOException {
        List<String> wanted = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:") || line.startsWith("RssAnon:")
                    || line.startsWith("RssFile:")) {
                wanted.add(line.replaceAll("\\s+", " "));
            }
        }
        return String.join(", ", wanted);
    }

    private static double pct(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
