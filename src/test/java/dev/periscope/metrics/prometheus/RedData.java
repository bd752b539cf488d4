package dev.periscope.metrics.prometheus;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Deterministic RED metrics (rate, errors, duration) for several services of several teams, in OpenMetrics text with
 * timestamps. Counters grow linearly, so {@code rate()} over any window inside the data is exactly the configured rate.
 */
public final class RedData {

    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    public static final Duration LENGTH = Duration.ofHours(2);
    public static final Duration STEP = Duration.ofSeconds(15);
    public static final List<String> ROUTES = List.of("/", "/api/items");
    public static final List<String> CODES = List.of("200", "500");
    static final List<String> BUCKETS = List.of("0.1", "0.5", "1", "+Inf");

    public record Service(String name, String team, double requestsPerSecond) {
    }

    public static final List<Service> SERVICES = List.of(
            new Service("checkout", "web", 10),
            new Service("frontend", "web", 20),
            new Service("payments", "payments", 5),
            new Service("search", "ops", 7));

    public static final String WEB_USER_EMAIL = "alice@example.com";
    public static final String OPS_USER_EMAIL = "olivia@example.com";

    private RedData() {
    }

    public static Instant end() {
        return START.plus(LENGTH);
    }

    /** Requests per second of one series: errors are a tenth of successes, the API route twice the root. */
    public static double rate(Service s, String route, String code) {
        return s.requestsPerSecond() * (code.equals("500") ? 0.1 : 1) * (route.equals("/") ? 1 : 2);
    }

    /** All requests per second of a service, over its routes and codes. */
    public static double totalRate(Service s) {
        double total = 0;
        for (String route : ROUTES) {
            for (String code : CODES) {
                total += rate(s, route, code);
            }
        }
        return total;
    }

    /** The share of requests that fall into each bucket, cumulative, for {@code le} in {@link #BUCKETS}. */
    static double bucketShare(String le) {
        return switch (le) {
            case "0.1" -> 0.5;
            case "0.5" -> 0.9;
            case "1" -> 0.99;
            default -> 1.0;
        };
    }

    public static int points() {
        return (int) (LENGTH.toSeconds() / STEP.toSeconds()) + 1;
    }

    static void write(Writer out) throws IOException {
        long t0 = START.getEpochSecond();
        for (Service s : SERVICES) {
            for (String route : ROUTES) {
                for (String code : CODES) {
                    double r = rate(s, route, code);
                    String labels = labels(s) + ",route=\"" + route + "\",code=\"" + code + "\"";
                    for (int i = 0; i < points(); i++) {
                        long t = t0 + i * STEP.toSeconds();
                        out.write("http_requests_total{" + labels + "} " + fmt(r * STEP.toSeconds() * i) + " " + t + "\n");
                    }
                }
            }
        }
        for (Service s : SERVICES) {
            double total = totalRate(s);
            for (String le : BUCKETS) {
                for (int i = 0; i < points(); i++) {
                    long t = t0 + i * STEP.toSeconds();
                    out.write("http_request_duration_seconds_bucket{" + labels(s) + ",le=\"" + le + "\"} "
                            + fmt(total * bucketShare(le) * STEP.toSeconds() * i) + " " + t + "\n");
                }
            }
        }
        // A label value that must be masked: which user logged in.
        for (var user : List.of(new String[] {"frontend", "web", WEB_USER_EMAIL}, new String[] {"search", "ops", OPS_USER_EMAIL})) {
            for (int i = 0; i < points(); i++) {
                long t = t0 + i * STEP.toSeconds();
                out.write("logins_total{service=\"" + user[0] + "\",team=\"" + user[1] + "\",user=\"" + user[2] + "\"} "
                        + i + " " + t + "\n");
            }
        }
    }

    private static String labels(Service s) {
        return "service=\"" + s.name() + "\",team=\"" + s.team() + "\",instance=\"" + s.name() + "-0:8080\",job=\""
                + s.name() + "\"";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
