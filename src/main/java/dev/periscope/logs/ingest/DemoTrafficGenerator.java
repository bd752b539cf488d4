package dev.periscope.logs.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes demo traffic into {@code <ingest directory>/demo}: on first start a backfill of history with a daily rhythm
 * and a few incidents (bursts of errors and slow requests), then live traffic every second. Files are rotated by
 * rename, as logrotate would, so the demo also exercises rotation.
 */
public final class DemoTrafficGenerator implements Closeable {

    private static final String BACKFILL_MARKER = ".backfill-done";

    private final DemoTrafficProperties properties;
    private final Path directory;
    private final Clock clock;
    private final DemoTraffic traffic;
    private final SplittableRandom random;
    private final ScheduledExecutorService scheduler;
    private long burstUntil;

    public DemoTrafficGenerator(DemoTrafficProperties properties, Path ingestDirectory, Clock clock) {
        this.properties = properties;
        this.directory = ingestDirectory.resolve("demo");
        this.clock = clock;
        this.traffic = new DemoTraffic(properties.seed() ^ clock.millis(), true);
        // One problem starts shortly before the demo does, so the Problems view can mark it as new.
        traffic.newProblemSince(clock.millis() - minutes(100));
        this.random = new SplittableRandom(properties.seed());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("demo-traffic").daemon().factory());
    }

    public void start() {
        scheduler.execute(() -> {
            try {
                backfillOnce();
            } catch (IOException | UncheckedIOException e) {
                // The demo goes on with live traffic only.
            }
        });
        scheduler.scheduleAtFixedRate(this::liveSecondQuietly, 1, 1, TimeUnit.SECONDS);
    }

    /** Writes the history unless an earlier start did. Returns the events written. */
    public long backfillOnce() throws IOException {
        Files.createDirectories(directory);
        Path marker = directory.resolve(BACKFILL_MARKER);
        if (Files.exists(marker)) {
            return 0;
        }
        long now = clock.millis();
        long start = now - properties.backfill().toMillis();
        // Incidents at fixed points of the day, so the histogram shows spikes.
        long[][] bursts = {{start + hours(4), start + hours(4) + minutes(12)},
            {start + hours(15), start + hours(15) + minutes(5)}, {now - minutes(90), now - minutes(70)}};
        long written = 0;
        Map<String, Writer> writers = new HashMap<>();
        try {
            for (long second = start; second < now; second += 1000) {
                boolean burst = false;
                for (long[] b : bursts) {
                    burst |= second >= b[0] && second < b[1];
                }
                int events = eventsInSecond(second, burst);
                for (int i = 0; i < events; i++) {
                    DemoTraffic.Service service = burst && random.nextBoolean()
                            ? DemoTraffic.SERVICES.get(1 + random.nextInt(2)) : traffic.randomService();
                    Writer writer = writers.computeIfAbsent(service.file(), this::open);
                    writer.write(traffic.line(service, second + random.nextInt(1000), burst));
                    written++;
                }
            }
        } finally {
            for (Writer writer : writers.values()) {
                writer.close();
            }
        }
        Files.writeString(marker, "backfilled " + written + " events\n");
        return written;
    }

    private Writer open(String file) {
        try {
            return Files.newBufferedWriter(directory.resolve(file), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void liveSecondQuietly() {
        try {
            liveSecond();
        } catch (IOException | RuntimeException e) {
            // Try again next second.
        }
    }

    /** Writes one second of live traffic. */
    void liveSecond() throws IOException {
        Files.createDirectories(directory);
        long now = clock.millis();
        if (now > burstUntil && random.nextInt(3600) == 0) {
            burstUntil = now + minutes(3); // about one incident an hour
        }
        boolean burst = now < burstUntil;
        Map<String, StringBuilder> byFile = new HashMap<>();
        int events = eventsInSecond(now, burst);
        for (int i = 0; i < events; i++) {
            DemoTraffic.Service service = traffic.randomService();
            byFile.computeIfAbsent(service.file(), f -> new StringBuilder())
                    .append(traffic.line(service, now - 1000 + random.nextInt(1000), burst));
        }
        for (Map.Entry<String, StringBuilder> e : byFile.entrySet()) {
            Path file = directory.resolve(e.getKey());
            rotateIfLarge(file);
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    private void rotateIfLarge(Path file) throws IOException {
        if (Files.exists(file) && Files.size(file) > properties.rotateAt().toBytes()) {
            Path rotated = file.resolveSibling(file.getFileName() + ".1");
            Files.move(file, rotated, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Busier in the (UTC) afternoon, quiet at night; about ten times the rate during an incident. */
    private int eventsInSecond(long millis, boolean burst) {
        double hour = (millis / 3_600_000.0) % 24;
        double shape = 0.25 + 0.75 * Math.max(0, Math.sin((hour - 6) / 24 * 2 * Math.PI));
        double rate = properties.eventsPerSecond() * shape * (burst ? 10 : 1);
        int whole = (int) rate;
        return whole + (random.nextDouble() < rate - whole ? 1 : 0);
    }

    private static long hours(long h) {
        return h * 3_600_000L;
    }

    private static long minutes(long m) {
        return m * 60_000L;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
