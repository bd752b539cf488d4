package dev.periscope.logs.bench;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditTrail;
import dev.periscope.logs.LogAccess;
import dev.periscope.logs.LogHistogram;
import dev.periscope.logs.LogOrder;
import dev.periscope.logs.LogPage;
import dev.periscope.logs.LogQuery;
import dev.periscope.logs.LogQueryValueResolver;
import dev.periscope.logs.LogScope;
import dev.periscope.logs.LogService;
import dev.periscope.logs.LogsProperties;
import dev.periscope.logs.ingest.DemoTraffic;
import dev.periscope.logs.ingest.FileIngester;
import dev.periscope.logs.ingest.IngestProperties;
import dev.periscope.logs.store.lucene.LuceneLogStore;
import dev.periscope.logs.store.lucene.LuceneLogStoreProperties;
import dev.periscope.masking.Masker;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The logs benchmark: generates realistic events into log files, ingests them through the real ingest path into
 * the embedded store, then runs the query mix through {@link LogService} (scope rewrite, audit and masking included):
 * service + level + word + a one-hour range, the newest 100 events and the histogram of the same query.
 */
public final class LogsBench {

    /**
     * @param events events to generate
     * @param directory working directory (files and index); deleted afterwards unless {@code keep}
     * @param queries measured queries (after {@code warmup} unmeasured ones)
     * @param warmup queries run before measuring
     * @param seed random seed, printed, so a run can be repeated
     * @param keep keep the generated files and index
     */
    public record Options(long events, Path directory, int queries, int warmup, long seed, boolean keep) {
    }

    private static final long SPAN = Duration.ofHours(24).toMillis();
    private static final long MULTILINE_FLUSH_MILLIS = 200;

    private final Options options;
    private final Masker masker;
    private final AuditTrail audit;
    private final PrintStream out;

    public LogsBench(Options options, Masker masker, AuditTrail audit, PrintStream out) {
        this.options = options;
        this.masker = masker;
        this.audit = audit;
        this.out = out;
    }

    public void run() throws IOException {
        Path ingestDir = options.directory().resolve("ingest");
        Path indexDir = options.directory().resolve("index");
        Instant now = Instant.now();
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        out.printf(Locale.ROOT, "logs bench: %,d events, seed %d, %d cores, max heap %d MiB, in %s%n",
                options.events(), options.seed(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, options.directory());

        long t0 = System.nanoTime();
        long bytes = generate(ingestDir, now.toEpochMilli() - SPAN, now.toEpochMilli(), options.seed(),
                options.events());
        double generateSeconds = seconds(t0);
        out.printf(Locale.ROOT, "generated %,d bytes (%.0f bytes/event on average) in %.1f s%n", bytes,
                bytes / (double) options.events(), generateSeconds);

        LuceneLogStoreProperties storeProperties = LuceneLogStoreProperties.defaults();
        try (LuceneLogStore store = new LuceneLogStore(indexDir, storeProperties, Clock.systemUTC())) {
            IngestProperties ingestProperties = new IngestProperties(true, ingestDir, Duration.ofMillis(10),
                    Duration.ofMinutes(10), Duration.ofMillis(MULTILINE_FLUSH_MILLIS),
                    org.springframework.util.unit.DataSize.ofMegabytes(1), 50_000);
            FileIngester ingester = new FileIngester(ingestProperties, store, Clock.systemUTC());
            long t1 = System.nanoTime();
            long cpu1 = processCpuNanos();
            while (ingester.pollOnce()) {
                // read until every file is caught up
            }
            // The last event of each file waits for possible stack-trace lines; let that wait pass.
            sleep(MULTILINE_FLUSH_MILLIS + 50);
            ingester.pollOnce();
            ingester.commit();
            store.refresh();
            double ingestSeconds = seconds(t1);
            double cpuSeconds = (processCpuNanos() - cpu1) / 1e9;
            long indexed = store.eventCount();
            out.printf(Locale.ROOT, "ingested %,d events in %.1f s: %,.0f events/s, %.1f MB/s (read, parse, index, "
                            + "commit)%n", indexed, ingestSeconds, indexed / ingestSeconds,
                    bytes / ingestSeconds / 1e6);
            out.printf(Locale.ROOT, "  used %.1f CPU seconds (%.2f cores on average): %,.0f events per CPU second%n",
                    cpuSeconds, cpuSeconds / ingestSeconds, indexed / cpuSeconds);
            out.printf(Locale.ROOT, "index size %,d MiB%n", size(indexDir) >> 20);
            if (indexed != options.events()) {
                throw new IllegalStateException("generated " + options.events() + " events but indexed " + indexed);
            }
            awaitQuiet(store::merging, "the store", out);
            out.printf(Locale.ROOT, "index size after merging %,d MiB%n", size(indexDir) >> 20);
            queries(store, clock, now);
            // With the store still open: what a portal holding this index keeps resident.
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            out.printf(Locale.ROOT, "after the queries: heap used %d MiB (after GC), process %s%n",
                    (runtime.totalMemory() - runtime.freeMemory()) >> 20, rss());
        }
        if (!options.keep()) {
            // Only what the bench made: the portal's own data may live in the same directory and still be open.
            delete(ingestDir);
            delete(indexDir);
        }
    }

    /** Writes {@code events} demo lines spread over {@code [from, to)} into one file per service; returns bytes. */
    static long generate(Path ingestDir, long from, long to, long seed, long events) throws IOException {
        Files.createDirectories(ingestDir);
        DemoTraffic traffic = new DemoTraffic(seed, true);
        Map<String, Writer> writers = new HashMap<>();
        long bytes = 0;
        try {
            double step = (to - from) / (double) events;
            for (long i = 0; i < events; i++) {
                DemoTraffic.Service service = traffic.randomService();
                String line = traffic.line(service, from + (long) (i * step), false);
                Writer writer = writers.computeIfAbsent(service.file(), f -> open(ingestDir.resolve(f)));
                writer.write(line);
                bytes += line.length();
            }
        } finally {
            for (Writer w : writers.values()) {
                w.close();
            }
        }
        return bytes;
    }

    private void queries(LuceneLogStore store, Clock clock, Instant now) {
        LogService service = new LogService(store, masker, audit, LogsProperties.defaults(),
                LogQueryValueResolver.identity(), clock);
        LogAccess access = LogAccess.of(new AuditEntry.Actor("bench", List.of("developer"), "bench", "127.0.0.1",
                "bench"), LogScope.services(List.of("*"), Duration.ofDays(2)));
        SplittableRandom random = new SplittableRandom(options.seed());
        String[] services = {"checkout", "payments", "orders", "users", "inventory", "shipping", "gateway"};
        String[] levels = {"ERROR", "WARN", "INFO"};
        String[] terms = {"timeout", "retry", "order", "declined", "reserved", "slow"};
        int total = options.warmup() + options.queries();
        long[] both = new long[options.queries()];
        long[] search = new long[options.queries()];
        long[] histogram = new long[options.queries()];
        long hits = 0;
        long queryCpu = 0;
        for (int i = 0; i < total; i++) {
            String text = "service:" + services[random.nextInt(services.length)] + " AND level:"
                    + levels[random.nextInt(levels.length)] + " AND " + terms[random.nextInt(terms.length)];
            long startMillis = now.toEpochMilli() - SPAN + (long) (random.nextDouble() * (SPAN - 3_600_000));
            LogQuery query = new LogQuery(text, Instant.ofEpochMilli(startMillis),
                    Instant.ofEpochMilli(startMillis + 3_600_000));
            long s0 = System.nanoTime();
            long c0 = processCpuNanos();
            LogPage page = service.search(access, query, 100, LogOrder.NEWEST_FIRST, Optional.empty(),
                    service.newControl());
            long s1 = System.nanoTime();
            LogHistogram h = service.histogram(access, query, Optional.empty(), service.newControl());
            long s2 = System.nanoTime();
            if (i >= options.warmup()) {
                int k = i - options.warmup();
                search[k] = s1 - s0;
                histogram[k] = s2 - s1;
                both[k] = s2 - s0;
                queryCpu += processCpuNanos() - c0;
                hits += h.total();
                if (page.events().size() != Math.min(100, h.total())) {
                    throw new IllegalStateException("search and histogram disagree for " + text);
                }
            }
        }
        out.printf(Locale.ROOT, "query mix: %d queries after %d warm-up, %.0f matching events per query on average%n",
                options.queries(), options.warmup(), hits / (double) Math.max(1, options.queries()));
        out.printf(Locale.ROOT, "  %.1f ms CPU per query on average%n", queryCpu / 1e6 / Math.max(1, options.queries()));
        out.printf(Locale.ROOT, "  newest 100 + histogram  p50 %6.1f ms  p99 %6.1f ms%n", pct(both, 50),
                pct(both, 99));
        out.printf(Locale.ROOT, "  newest 100              p50 %6.1f ms  p99 %6.1f ms%n", pct(search, 50),
                pct(search, 99));
        out.printf(Locale.ROOT, "  histogram               p50 %6.1f ms  p99 %6.1f ms%n", pct(histogram, 50),
                pct(histogram, 99));
        allEventsHistogram(service, access, now);
    }

    /** The hourly histogram of every event of the 24 hours (the side-by-side bench's match-all histogram). */
    private void allEventsHistogram(LogService service, LogAccess access, Instant now) {
        // A minute of margin: access log lines carry whole seconds, so the oldest may lie just before the span.
        LogQuery all = new LogQuery("*", now.minusMillis(SPAN + 60_000), now.plusMillis(60_000));
        int runs = Math.max(1, options.queries() / 5);
        long[] nanos = new long[runs];
        long cpu = 0;
        long total = 0;
        for (int i = -Math.max(1, options.warmup() / 5); i < runs; i++) {
            long s0 = System.nanoTime();
            long c0 = processCpuNanos();
            LogHistogram h = service.histogram(access, all, Optional.of(Duration.ofHours(1)), service.newControl());
            if (i >= 0) {
                nanos[i] = System.nanoTime() - s0;
                cpu += processCpuNanos() - c0;
                total = h.total();
            }
        }
        if (total != options.events()) {
            throw new IllegalStateException("the histogram of all events counts " + total);
        }
        out.printf(Locale.ROOT, "hourly histogram of all events (%d runs): p50 %6.1f ms  p99 %6.1f ms, %.1f ms CPU "
                + "per run%n", runs, pct(nanos, 50), pct(nanos, 99), cpu / 1e6 / runs);
    }

    /** CPU time of this process, to tell a slow run from a run that did not get the CPU. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    static double pct(long[] nanos, int percentile) {
        if (nanos.length == 0) {
            return 0;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static Writer open(Path file) {
        try {
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until {@code busy} has said no three seconds running (at most five minutes), so that the queries are not
     * measured beside the merges that follow a bulk load: a merge takes a core and maps the whole index.
     */
    static void awaitQuiet(BooleanSupplier busy, String what, PrintStream out) {
        long t0 = System.nanoTime();
        long deadline = t0 + Duration.ofMinutes(5).toNanos();
        int quiet = 0;
        while (quiet < 3 && System.nanoTime() < deadline) {
            quiet = busy.getAsBoolean() ? 0 : quiet + 1;
            sleep(1000);
        }
        out.printf(Locale.ROOT, "waited %.1f s for %s to finish merging%s%n", seconds(t0), what,
                quiet < 3 ? " (gave up after five minutes)" : "");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static String rss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    // RssAnon is the heap and other private memory; RssFile mostly the memory-mapped index, which
                    // the kernel can drop at any time.
                    .filter(l -> l.startsWith("VmRSS:") || l.startsWith("VmHWM:") || l.startsWith("RssAnon:")
                            || l.startsWith("RssFile:"))
                    .map(l -> l.replaceAll("\\s+", " "))
                    .reduce((a, b) -> a + ", " + b).orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
