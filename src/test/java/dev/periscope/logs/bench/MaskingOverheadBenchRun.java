package dev.periscope.logs.bench;

import dev.periscope.audit.AuditEntry;
import dev.periscope.logs.LogAccess;
import dev.periscope.logs.LogOrder;
import dev.periscope.logs.LogPage;
import dev.periscope.logs.LogQuery;
import dev.periscope.logs.LogQueryValueResolver;
import dev.periscope.logs.LogScope;
import dev.periscope.logs.LogService;
import dev.periscope.logs.LogsProperties;
import dev.periscope.logs.MaskedLogEvent;
import dev.periscope.logs.store.lucene.LuceneLogStore;
import dev.periscope.logs.store.lucene.LuceneLogStoreProperties;
import dev.periscope.masking.BenchMaskers;
import dev.periscope.masking.Masker;
import dev.periscope.masking.MaskingContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The cost of masking in the query path: the same page queries (newest 100 events) through {@link LogService} with
 * the shipped masking engine and with masking switched off, alternating, over one store built by the logs bench.
 * Run: {@code ./mvnw -o test -Dtest=MaskingOverheadBenchRun -Dbench.masking-overhead=200000}. Prints wall-clock and
 * thread-CPU percentiles of both, and their ratio (goal: masked at most 1.15 times unmasked), then the same for the
 * stores bench's term query alone. The store's temporary directory is deleted at the end.
 */
class MaskingOverheadBenchRun {

    private static final String[] QUERIES = {"level:INFO", "level:ERROR", "service:orders", "service:payments",
        "service:gateway AND level:WARN", "timeout OR declined", "service:users", "level:WARN"};
    /** The term query of the stores bench (issue figures for Elasticsearch beside the embedded store). */
    private static final String TERM_QUERY = "service:payments AND level:ERROR";

    @Test
    @EnabledIfSystemProperty(named = "bench.masking-overhead", matches = "\\d+")
    void measures_masked_against_unmasked_pages() throws Exception {
        long events = Long.parseLong(System.getProperty("bench.masking-overhead"));
        int rounds = Integer.getInteger("bench.queries", 2000);
        int warmup = Integer.getInteger("bench.warmup", 500);
        Path dir = Files.createTempDirectory("periscope-masking-overhead");
        try {
            run(dir, events, rounds, warmup);
        } finally {
            deleteRecursively(dir);
        }
    }

    /** Ids of the threads that mask parts of a page beside the caller (named {@code logs-page-*} by PageWork). */
    private static long[] pageThreads = new long[0];

    /**
     * The caller's CPU plus that of the threads masking parts of its page: the whole CPU cost of a query, wherever
     * it ran. The bench is the only caller, so their CPU in the interval is this query's.
     */
    private static long queryCpu(ThreadMXBean cpu) {
        if (pageThreads.length == 0) {
            pageThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("logs-page-")).mapToLong(Thread::threadId).toArray();
        }
        long total = cpu.getCurrentThreadCpuTime();
        for (long id : pageThreads) {
            total += Math.max(0, cpu.getThreadCpuTime(id));
        }
        return total;
    }

    private static void run(Path dir, long events, int rounds, int warmup) throws Exception {
        new LogsBench(new LogsBench.Options(events, dir, 0, 0, 42L, true), BenchMaskers.passThrough(),
                new LogsBenchRun.NoOpAudit(), System.out).run();
        Instant now = Instant.now();
        try (LuceneLogStore store = new LuceneLogStore(dir.resolve("index"), LuceneLogStoreProperties.defaults(),
                Clock.systemUTC())) {
            LogService off = service(store, BenchMaskers.passThrough());
            // As the portal runs: texts read again answered from memory. "off" measures every page as if never seen.
            boolean remember = !"off".equals(System.getProperty("bench.recent-results"));
            System.out.println("recent results remembered: " + (remember ? "on" : "off"));
            LogService on = service(store, BenchMaskers.shipped(dir.resolve("vault"), remember));
            LogAccess access = LogAccess.of(new AuditEntry.Actor("bench", List.of("developer"), "bench", "127.0.0.1",
                    "bench"), LogScope.services(List.of("*"), Duration.ofDays(2)));
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            long[][] wall = new long[2][rounds];
            long[][] cpuTime = new long[2][rounds];
            long events0 = 0;
            for (int i = 0; i < warmup + rounds; i++) {
                LogQuery q = new LogQuery(QUERIES[i % QUERIES.length], now.minus(Duration.ofHours(25)),
                        now.plus(Duration.ofHours(1)));
                // Alternate which goes first, so neither side always runs on a warmer cache.
                for (int k = 0; k < 2; k++) {
                    int side = (i + k) % 2;
                    LogService s = side == 0 ? off : on;
                    long c0 = queryCpu(cpu);
                    long t0 = System.nanoTime();
                    LogPage page = s.search(access, q, 100, LogOrder.NEWEST_FIRST, Optional.empty(), s.newControl());
                    long t1 = System.nanoTime();
                    long c1 = queryCpu(cpu);
                    if (i >= warmup) {
                        wall[side][i - warmup] = t1 - t0;
                        cpuTime[side][i - warmup] = c1 - c0;
                        events0 += side == 1 ? page.events().size() : 0;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "masking overhead: %d page queries per side after %d warm-up, %.1f events "
                    + "per masked page%n", rounds, warmup, events0 / (double) rounds);
            print("wall", wall);
            print("query CPU (caller and page threads)", cpuTime);
            // The term query of the stores bench alone: 100 payments errors, most with a stack trace.
            LogQuery term = new LogQuery(TERM_QUERY, now.minus(Duration.ofHours(25)), now.plus(Duration.ofHours(1)));
            long[][] termCpu = new long[2][rounds];
            long termEvents = 0;
            for (int i = 0; i < warmup + rounds; i++) {
                for (int k = 0; k < 2; k++) {
                    int side = (i + k) % 2;
                    LogService s = side == 0 ? off : on;
                    long c0 = queryCpu(cpu);
                    LogPage page = s.search(access, term, 100, LogOrder.NEWEST_FIRST, Optional.empty(),
                            s.newControl());
                    long c1 = queryCpu(cpu);
                    if (i >= warmup) {
                        termCpu[side][i - warmup] = c1 - c0;
                        termEvents += side == 1 ? page.events().size() : 0;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "term query \"%s\": %.1f events per masked page, masking CPU p50 %.2f ms%n",
                    TERM_QUERY, termEvents / (double) rounds, pct(termCpu[1], 50) - pct(termCpu[0], 50));
            print("query CPU (caller and page threads)", termCpu);
            // The engine's own cost: nothing remembered between rounds.
            maskTermPageOnOneThread(off, BenchMaskers.shipped(dir.resolve("vault"), false), access, term, cpu, rounds,
                    warmup);
        }
    }

    /**
     * The term query's page masked again and again on this thread alone, from its raw values: the engine's cost per
     * page without the store, the page threads or the scheduler in the figure.
     */
    private static void maskTermPageOnOneThread(LogService unmasked, Masker masker, LogAccess access, LogQuery term,
            ThreadMXBean cpu, int rounds, int warmup) {
        List<MaskedLogEvent> raw = unmasked.search(access, term, 100, LogOrder.NEWEST_FIRST, Optional.empty(),
                unmasked.newControl()).events();
        long[] perPage = new long[rounds];
        long sink = 0;
        for (int i = 0; i < warmup + rounds; i++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            for (MaskedLogEvent event : raw) {
                MaskingContext context = new MaskingContext(event.service(), java.util.Set.of());
                Map<String, String> fields = new LinkedHashMap<>();
                event.fields().asMap().forEach((k, v) -> fields.put(k, v.text()));
                sink += masker.mask(context, event.message().text()).text().length();
                sink += masker.mask(context, fields).asMap().size();
            }
            if (i >= warmup) {
                perPage[i - warmup] = cpu.getCurrentThreadCpuTime() - c0;
            }
        }
        System.out.printf(Locale.ROOT, "term page masked on one thread, %d events: CPU p50 %.3f ms, best %.3f ms "
                + "(check %d)%n", raw.size(), pct(perPage, 50), Arrays.stream(perPage).min().orElse(0) / 1e6, sink);
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static LogService service(LuceneLogStore store, dev.periscope.masking.Masker masker) {
        return new LogService(store, masker, new LogsBenchRun.NoOpAudit(), LogsProperties.defaults(),
                LogQueryValueResolver.identity(), Clock.systemUTC());
    }

    private static void print(String what, long[][] t) {
        double offP50 = pct(t[0], 50);
        double onP50 = pct(t[1], 50);
        double offMean = Arrays.stream(t[0]).average().orElse(0) / 1e6;
        double onMean = Arrays.stream(t[1]).average().orElse(0) / 1e6;
        System.out.printf(Locale.ROOT, "  %-10s off p50 %6.2f ms p90 %6.2f ms mean %6.2f ms | on p50 %6.2f ms p90 %6.2f "
                + "ms mean %6.2f ms | ratio p50 %.2fx mean %.2fx%n", what, offP50, pct(t[0], 90), offMean, onP50,
                pct(t[1], 90), onMean, onP50 / offP50, onMean / offMean);
    }

    private static double pct(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)] / 1e6;
    }
}
