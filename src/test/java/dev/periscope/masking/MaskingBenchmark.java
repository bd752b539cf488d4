package dev.periscope.masking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Masking throughput, single-threaded, over the full shipped rule set: generated log lines plus the
 * presidio-research sentences. Each invocation masks the whole corpus once; {@link #main} turns the time per
 * invocation into MB/s (UTF-8 bytes) and prints the fast engine beside the reference.
 *
 * <p>Run: {@code ./mvnw -q test-compile} then {@code java -cp target/test-classes:target/classes:<test classpath>
 * dev.periscope.masking.MaskingBenchmark} (see docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class MaskingBenchmark {

    @Param({"fast", "reference"})
    public String engine;

    private List<String> corpus;
    private MaskingService service;
    private CompiledRules rules;
    private boolean[] active;
    private SpanFinder finder;

    static List<String> corpus() throws IOException {
        List<String> lines = new ArrayList<>(SyntheticLogs.lines(4242L, 20_000));
        lines.addAll(Corpus.researchSentences());
        return lines;
    }

    static long bytes(List<String> corpus) {
        return corpus.stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        rules = MaskingFixtures.shippedRules();
        active = rules.active("", Set.of());
        finder = engine.equals("fast") ? new FastEngine() : new ReferenceEngine();
        service = MaskingFixtures.service(finder);
        corpus = corpus();
        if (engine.equals("reference")) {
            // The reference is ~100x slower; a tenth of the corpus keeps an invocation within the iteration time.
            corpus = corpus.subList(0, corpus.size() / 10);
        }
        // Correctness check: the engine under test finds what the reference finds, span for span.
        ReferenceEngine reference = new ReferenceEngine();
        int checked = 0;
        for (String line : corpus.subList(0, Math.min(corpus.size(), 3000))) {
            if (!finder.find(rules, line, active, Long.MAX_VALUE)
                    .equals(reference.find(rules, line, active, Long.MAX_VALUE))) {
                throw new IllegalStateException("engines differ on a corpus line");
            }
            checked++;
        }
        System.out.println("correctness check: " + checked + " lines, no difference");
    }

    /**
     * The same measure in thread CPU time, best of {@code passes} corpus passes per engine, for a machine shared with
     * other work, where wall-clock iterations mostly measure the wait for a core. Same corpus, same correctness check.
     */
    static void cpu(int passes, List<String> engines) throws IOException {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (String engine : engines) {
            MaskingBenchmark b = new MaskingBenchmark();
            b.engine = engine;
            b.setUp();
            long bytes = bytes(b.corpus);
            long best = Long.MAX_VALUE;
            long sink = 0;
            MaskingContext context = MaskingContext.strict("bench");
            for (int p = 0; p < (engine.equals("fast") ? passes : Math.max(3, passes / 5)); p++) {
                long c0 = cpu.getCurrentThreadCpuTime();
                for (String line : b.corpus) {
                    sink += b.service.mask(context, line).text().length();
                }
                best = Math.min(best, cpu.getCurrentThreadCpuTime() - c0);
            }
            System.out.printf("%-10s %10.2f ms CPU per corpus pass (best)  %8.2f MB/s  (%d bytes, check %d)%n",
                    engine, best / 1e6, bytes / (best / 1e9) / 1e6, bytes, sink % 10);
        }
    }

    /** Masks every line of the corpus (find spans, resolve overlaps, render tokens and redactions). */
    @Benchmark
    public void maskCorpus(Blackhole bh) {
        MaskingContext context = MaskingContext.strict("bench");
        for (String line : corpus) {
            bh.consume(service.mask(context, line));
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("cpu")) {
            // An optional third argument names one engine, e.g. to profile the fast one alone.
            cpu(args.length > 1 ? Integer.parseInt(args[1]) : 15,
                    args.length > 2 ? List.of(args[2]) : List.of("fast", "reference"));
            return;
        }
        Options options = new OptionsBuilder().include(MaskingBenchmark.class.getSimpleName()).build();
        long fullBytes = bytes(corpus());
        System.out.println();
        for (RunResult r : new Runner(options).run()) {
            String engine = r.getParams().getParam("engine");
            double ms = r.getPrimaryResult().getScore();
            long bytes = engine.equals("fast") ? fullBytes : bytes(corpus().subList(0, corpus().size() / 10));
            System.out.printf("%-10s %10.2f ms per corpus pass  %8.2f MB/s  (%d bytes, error %.2f ms)%n", engine, ms,
                    bytes / (ms / 1000.0) / 1e6, bytes, r.getPrimaryResult().getScoreError());
        }
    }
}
