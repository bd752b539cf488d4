package dev.periscope.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Measures what auditing adds to a read: the latency of {@link AuditTrail#begin} (which waits for fsync) with 1, 8
 * and 50 concurrent callers, each also calling {@link AuditTrail#complete}. A plain write+fsync loop is measured first
 * as the floor the disk sets. After each run the chain is verified and its records counted (the correctness check).
 *
 * <p>Run: {@code ./mvnw -B -o -q test -Dtest=AuditBenchTest -Dperiscope.bench=true}, or this main with the test
 * classpath. Optional system properties: {@code periscope.bench.dir} (default: a new directory under
 * {@code target/}, so on the same disk as a real data directory rather than a tmpfs), {@code periscope.bench.seconds}
 * (default 5 per concurrency level).
 */
public final class AuditBench {

    /** Callers, and how long each one's simulated read takes between begin() and complete(). */
    private record Level(int threads, int readMillis) {
    }

    private static final List<Level> LEVELS = List.of(new Level(1, 0), new Level(8, 0), new Level(50, 0),
            new Level(50, 20));

    private AuditBench() {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    static void run(PrintStream out) throws Exception {
        Path base = Path.of(System.getProperty("periscope.bench.dir", "target"));
        Files.createDirectories(base);
        Duration measure = Duration.ofSeconds(Long.getLong("periscope.bench.seconds", 5));
        Duration warmup = Duration.ofSeconds(2);
        out.printf("audit bench: %d cores, java %s, %s per level after %s warm-up, directory %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), measure, warmup,
                base.toAbsolutePath());

        Path fsyncDir = Files.createTempDirectory(base, "fsync");
        long[] fsync = rawFsync(fsyncDir, measure);
        deleteRecursively(fsyncDir);
        out.printf("%-36s %8s %8s %8s %8s %10s%n", "", "p50 ms", "p90 ms", "p99 ms", "max ms", "ops/s");
        report(out, "write+fsync, 1 thread", fsync, measure);

        CheckpointKey key = CheckpointKey.generate();
        for (Level level : LEVELS) {
            int threads = level.threads();
            Path dir = Files.createTempDirectory(base, "audit-bench-" + threads);
            long[] latencies;
            long begun;
            try (AuditStore store = AuditStore.open(
                    new ChainedAuditTrail.Settings(dir, 64L << 20, Duration.ofDays(1), Duration.ofSeconds(5)),
                    Optional.of(key), Duration.ofMinutes(1), null, Clock.systemUTC())) {
                load(store.trail(), level, warmup);
                Result result = load(store.trail(), level, measure);
                latencies = result.latencies();
                begun = result.count();
            }
            report(out, "begin(), " + threads + " thread(s)" + (level.readMillis() > 0
                    ? ", " + level.readMillis() + " ms read" : ""), latencies, measure);
            AuditVerification verification = new AuditVerifier(dir, Optional.of(key.publicKey())).verify();
            long beginRecords = ChainReader.ofType(ChainReader.records(dir), "begin").size();
            if (!verification.intact() || beginRecords < latencies.length) {
                throw new IllegalStateException("correctness check failed: " + verification + ", " + beginRecords
                        + " begin records for " + begun + " measured calls");
            }
            deleteRecursively(dir);
        }
    }

    private record Result(long[] latencies, long count) {
    }

    private static Result load(AuditTrail trail, Level level, Duration duration) throws InterruptedException {
        int threads = level.threads();
        long[][] perThread = new long[threads][];
        int[] counts = new int[threads];
        CountDownLatch done = new CountDownLatch(threads);
        long deadline = System.nanoTime() + duration.toNanos();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread.ofPlatform().start(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                AuditEntry entry = AuditFixtures.search("bench" + index, "service:checkout AND status:500");
                AuditOutcome outcome = AuditFixtures.outcome(42);
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    AuditReceipt receipt = trail.begin(entry);
                    long took = System.nanoTime() - start;
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = took;
                    if (level.readMillis() > 0) {
                        try {
                            Thread.sleep(level.readMillis());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                    trail.complete(receipt, outcome);
                }
                perThread[index] = mine;
                counts[index] = n;
                done.countDown();
            });
        }
        done.await();
        long total = Arrays.stream(counts).asLongStream().sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(perThread[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        return new Result(all, total);
    }

    private static long[] rawFsync(Path dir, Duration duration) throws IOException {
        long[] latencies = new long[1 << 16];
        int n = 0;
        byte[] record = new byte[600];
        Arrays.fill(record, (byte) 'x');
        try (FileChannel channel = FileChannel.open(dir.resolve("fsync.bin"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            long position = 0;
            long deadline = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < deadline) {
                long start = System.nanoTime();
                position += channel.write(ByteBuffer.wrap(record), position);
                channel.force(false);
                if (n == latencies.length) {
                    latencies = Arrays.copyOf(latencies, n * 2);
                }
                latencies[n++] = System.nanoTime() - start;
            }
        }
        return Arrays.copyOf(latencies, n);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void report(PrintStream out, String name, long[] latencies, Duration duration) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        out.printf("%-36s %8.3f %8.3f %8.3f %8.3f %10.0f%n", name, percentile(sorted, 0.50),
                percentile(sorted, 0.90), percentile(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1]
                        / 1e6, sorted.length / (duration.toNanos() / 1e9));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
