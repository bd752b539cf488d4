package dev.periscope.metrics.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated series of the demo: RED metrics, a latency histogram and process metrics for the demo's services.
 *
 * <p>Values are pure functions of time, so every query of the same instant answers the same, and counters are the
 * exact integral of their rate (a daily rhythm plus a short error spike in checkout at minutes 20 to 23 of every
 * hour), which keeps {@code rate()} and {@code increase()} consistent with the raw counter.
 */
final class DemoSeries {

    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, Double.POSITIVE_INFINITY};
    private static final double DAY = 86_400;
    private static final String[][] SERVICES = {
            {"gateway", "web", "40"}, {"checkout", "commerce", "12"}, {"payments", "commerce", "8"},
            {"search", "web", "25"}, {"notifications", "platform", "5"}, {"orders", "commerce", "10"},
            {"users", "platform", "6"}, {"inventory", "commerce", "9"}, {"shipping", "commerce", "4"}};
    private static final String[] ROUTES = {"/", "/api/items", "/api/cart"};

    /** Counter, gauge or histogram bucket; the generator of one series' value at a time. */
    enum Kind { COUNTER, GAUGE }

    record Def(Map<String, String> labels, Kind kind, double base, double spike, double latencyMean, double le,
               int seed) {
        double value(double t) {
            return switch (kind) {
                case COUNTER -> {
                    double steady = base * (t + 0.35 * DAY / (2 * Math.PI) * (1 - Math.cos(2 * Math.PI * t / DAY)));
                    if (le <= 0) {
                        yield steady + spike * spikeSeconds(t);
                    }
                    // Latency mixes fast requests (with the daily rhythm) and a steady share of slow ones, plus slow
                    // ones in the spike: every bucket stays a monotonic counter, and the quantiles move.
                    double slow = base * 0.05 * t + spike * spikeSeconds(t);
                    yield steady * below(le, latencyMean) + slow * below(le, 4 * latencyMean);
                }
                case GAUGE -> seed < 0 ? base : base * (1 + 0.1 * Math.sin(2 * Math.PI * t / 3_600 + seed)
                        + 0.03 * Math.sin(t / 37.0 + seed * 7));
            };
        }

        /** The share of exponentially distributed latencies with this mean that fall at or below {@code le}. */
        private static double below(double le, double mean) {
            return Double.isInfinite(le) ? 1 : 1 - Math.exp(-le / mean);
        }

        /** Seconds spent in the hourly spike window (minutes 20 to 23) since the epoch. */
        private static double spikeSeconds(double t) {
            double hours = Math.floor(t / 3_600);
            double inHour = t - hours * 3_600;
            return hours * 180 + Math.max(0, Math.min(180, inHour - 1_200));
        }
    }

    static final List<Def> ALL = generate();

    private DemoSeries() {
    }

    private static List<Def> generate() {
        var defs = new ArrayList<Def>();
        int seed = 0;
        for (String[] s : SERVICES) {
            String service = s[0];
            String team = s[1];
            double rps = Double.parseDouble(s[2]);
            String instance = service + "-0:8080";
            Map<String, String> common = Map.of("service", service, "team", team, "instance", instance,
                    "job", service);
            defs.add(new Def(labels("up", common), Kind.GAUGE, 1, 0, 0, 0, -1));
            for (int r = 0; r < ROUTES.length; r++) {
                double share = rps / (r + 1.5);
                for (String status : new String[] {"200", "404", "500"}) {
                    double fraction = switch (status) {
                        case "200" -> 0.95;
                        case "404" -> 0.04;
                        default -> 0.01;
                    };
                    double spike = status.equals("500") && service.equals("checkout") ? share * 0.6 : 0;
                    var l = labels("http_requests_total", common);
                    l.put("route", ROUTES[r]);
                    l.put("method", r == 2 ? "POST" : "GET");
                    l.put("status", status);
                    defs.add(new Def(l, Kind.COUNTER, share * fraction, spike, 0, 0, seed++));
                }
            }
            double mean = 0.02 + 0.01 * (seed % 5);
            for (double le : BUCKETS) {
                var l = labels("http_request_duration_seconds_bucket", common);
                l.put("le", Double.isInfinite(le) ? "+Inf" : format(le));
                defs.add(new Def(l, Kind.COUNTER, rps, service.equals("checkout") ? rps * 0.6 : 0, mean, le, seed));
            }
            defs.add(new Def(labels("http_request_duration_seconds_count", common), Kind.COUNTER, rps, 0, 0, 0, seed));
            defs.add(new Def(labels("http_request_duration_seconds_sum", common), Kind.COUNTER, rps * mean, 0, 0, 0,
                    seed));
            defs.add(new Def(labels("process_cpu_seconds_total", common), Kind.COUNTER, 0.2 + rps / 100, 0, 0, 0,
                    seed));
            defs.add(new Def(labels("process_resident_memory_bytes", common), Kind.GAUGE,
                    (300 + 20 * rps) * 1024 * 1024, 0, 0, 0, seed++));
            for (String area : new String[] {"heap", "nonheap"}) {
                var l = labels("jvm_memory_used_bytes", common);
                l.put("area", area);
                defs.add(new Def(l, Kind.GAUGE, (area.equals("heap") ? 180 + 8 * rps : 90) * 1024 * 1024, 0, 0, 0,
                        seed++));
            }
        }
        return List.copyOf(defs);
    }

    private static Map<String, String> labels(String name, Map<String, String> common) {
        var l = new LinkedHashMap<String, String>();
        l.put("__name__", name);
        l.putAll(common);
        return l;
    }

    private static String format(double le) {
        return le == Math.rint(le) ? String.valueOf((long) le) : String.valueOf(le);
    }

    /** Help text and type per metric name, for completion. */
    static final Map<String, String[]> METADATA = Map.of(
            "up", new String[] {"gauge", "Whether the service's scrape succeeded."},
            "http_requests_total", new String[] {"counter", "HTTP requests served, by route, method and status."},
            "http_request_duration_seconds", new String[] {"histogram", "HTTP request latency."},
            "process_cpu_seconds_total", new String[] {"counter", "CPU time used by the process."},
            "process_resident_memory_bytes", new String[] {"gauge", "Resident memory of the process."},
            "jvm_memory_used_bytes", new String[] {"gauge", "JVM memory in use, by area."});
}
