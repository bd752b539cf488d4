package dev.periscope.audit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes signed checkpoints of the chain head to {@code checkpoints.jsonl} beside the segments, and optionally sends
 * each one to a witness.
 *
 * <p>A checkpoint signs what the writer made durable, read from memory, not what is on disk: if someone cuts the
 * newest records from a segment, the next checkpoint still vouches for them and the cut shows. Checkpoints are chained
 * like records ({@code prev} is the SHA-256 of the checkpoint line before), so removing one in the middle shows too.
 */
final class Checkpointer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    private static final int WITNESS_ATTEMPTS = 5;

    private final Path file;
    private final CheckpointKey key;
    private final Supplier<ChainHead> head;
    private final Clock clock;
    private final @Nullable URI witness;
    private final @Nullable HttpClient http;
    private final ScheduledExecutorService scheduler;
    private long number;
    private String prevHash = ChainFormat.GENESIS;
    private long lastRecords = -1;
    private volatile @Nullable Instant lastCheckpoint;

    Checkpointer(Path directory, CheckpointKey key, Supplier<ChainHead> head, Clock clock, @Nullable URI witness)
            throws IOException {
        this.file = directory.resolve(ChainFormat.CHECKPOINTS);
        this.key = key;
        this.head = head;
        this.clock = clock;
        this.witness = witness;
        this.http = witness == null ? null : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-checkpoint");
            t.setDaemon(true);
            return t;
        });
        key.publishPublicKey(directory);
        resume();
        if (!Files.exists(file)) {
            // Created at once, so that a chain signed with a key but without this file shows the file was removed.
            Files.createFile(file);
        }
    }

    /** Continues the numbering and the checkpoint chain of an existing file. */
    private void resume() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        ChainFormat.Lines lines = ChainFormat.readLines(file);
        if (lines.tornTail().length > 0) {
            // An interrupted checkpoint write: it was never complete, so it never vouched for anything.
            log.warn("Removing an incomplete checkpoint line of {} bytes", lines.tornTail().length);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(Files.size(file) - lines.tornTail().length);
                channel.force(true);
            }
        }
        List<byte[]> all = lines.lines();
        if (!all.isEmpty()) {
            byte[] last = all.getLast();
            JsonNode node = JsonMapper.builder().build().readTree(last);
            number = node.path("n").asLong();
            lastRecords = node.path("records").asLong();
            prevHash = ChainFormat.hex(ChainFormat.sha256().digest(last));
        }
    }

    void start(Duration interval) {
        long millis = Math.max(1, interval.toMillis());
        // The first one at once: after a restart, it vouches for everything the previous run left on disk.
        scheduler.scheduleWithFixedDelay(this::checkpointQuietly, 0, millis, TimeUnit.MILLISECONDS);
    }

    /** Asks for a checkpoint soon, e.g. after a segment rotated; never blocks the caller. */
    void request() {
        try {
            scheduler.execute(this::checkpointQuietly);
        } catch (RejectedExecutionException e) {
            // Closing: close() writes the last checkpoint itself.
        }
    }

    Optional<Instant> lastCheckpoint() {
        return Optional.ofNullable(lastCheckpoint);
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (IOException | RuntimeException e) {
            log.error("Could not write an audit checkpoint", e);
        }
    }

    /** Writes a checkpoint of the current head unless the head has not moved since the last one. */
    synchronized boolean checkpoint() throws IOException {
        ChainHead h = head.get();
        if (h.records() == lastRecords || h.records() == 0) {
            return false;
        }
        Instant now = clock.instant();
        StringBuilder body = new StringBuilder();
        new Json(body).begin()
                .field("v", ChainFormat.VERSION)
                .field("n", number + 1)
                .field("time", now.toString())
                .field("records", h.records())
                .field("head", h.hash())
                .field("segment", h.segment())
                .field("key", key.id())
                .field("prev", prevHash);
        byte[] line = SignedLine.sign(body, key);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long before = channel.size();
            try {
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer, before + buffer.position());
                }
                channel.force(true);
            } catch (IOException | RuntimeException e) {
                // A line half written, or written but not made durable, would be followed by the next checkpoint
                // with the same number or glued to it: every later verify would fail. Cut it off, as the chain's
                // writer does, so the next try starts clean.
                try {
                    channel.truncate(before);
                    channel.force(true);
                } catch (IOException cut) {
                    e.addSuppressed(cut);
                }
                throw e;
            }
        }
        number++;
        lastRecords = h.records();
        byte[] withoutNewline = Arrays.copyOf(line, line.length - 1);
        prevHash = ChainFormat.hex(ChainFormat.sha256().digest(withoutNewline));
        lastCheckpoint = now;
        sendToWitness(new String(withoutNewline, StandardCharsets.UTF_8), 1);
        return true;
    }

    private void sendToWitness(String checkpoint, int attempt) {
        if (witness == null || http == null) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(witness)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(checkpoint))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                return;
            }
            String why = error != null ? error.toString() : "HTTP " + response.statusCode();
            if (attempt >= WITNESS_ATTEMPTS) {
                log.error("The audit witness did not take a checkpoint after {} attempts: {}", attempt, why);
                return;
            }
            log.warn("The audit witness did not take a checkpoint (attempt {}): {}", attempt, why);
            long delay = 1000L << attempt;
            try {
                scheduler.schedule(() -> sendToWitness(checkpoint, attempt + 1), delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                log.warn("Closing: a checkpoint was not sent to the witness");
            }
        });
    }

    /** Stops the schedule and writes a last checkpoint, so a clean shutdown leaves no unvouched tail. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpointQuietly();
    }
}
