package dev.periscope.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deletes old segments, and only segments that are safe to lose from disk: the whole chain must verify intact and a
 * signed checkpoint must cover them. Before deleting, it signs a retention anchor (the position and hash where the
 * remaining chain starts), so the verifier can tell segments removed by retention from segments removed by someone
 * else.
 */
final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final Path directory;
    private final CheckpointKey key;
    private final Duration retention;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    Retention(Path directory, CheckpointKey key, Duration retention, Clock clock) {
        this.directory = directory;
        this.key = key;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Deletes the oldest segments whose newest record is older than the retention period. The open segment is never
     * deleted.
     *
     * @param checkpointer signs the current head first, so that every segment considered is covered
     * @return the names of the deleted segments
     */
    List<String> apply(Checkpointer checkpointer) throws IOException {
        finishInterruptedRun(clock.instant().minus(retention));
        checkpointer.checkpoint();
        AuditVerification verification = new AuditVerifier(directory, Optional.of(key.publicKey()), clock).verify();
        if (!verification.intact()) {
            log.error("Audit retention skipped: the chain does not verify ({})", verification.tamper().orElseThrow());
            return List.of();
        }
        Instant cutoff = clock.instant().minus(retention);
        List<ChainFormat.Segment> segments = ChainFormat.segments(directory);
        List<ChainFormat.Segment> expired = new ArrayList<>();
        for (ChainFormat.Segment segment : segments.subList(0, Math.max(0, segments.size() - 1))) {
            List<byte[]> lines = ChainFormat.readLines(segment.path()).lines();
            if (lines.isEmpty()) {
                break;
            }
            Instant newest = Instant.parse(json.readTree(lines.getLast()).path("time").asString());
            if (!newest.isBefore(cutoff)) {
                break;
            }
            expired.add(segment);
        }
        if (expired.isEmpty()) {
            return List.of();
        }
        ChainFormat.Segment first = segments.get(expired.size());
        List<byte[]> firstLines = ChainFormat.readLines(first.path()).lines();
        if (firstLines.isEmpty()) {
            return List.of();
        }
        JsonNode start = json.readTree(firstLines.getFirst());
        writeAnchor(start.path("seq").asLong(), start.path("prev").asString(), first.name());
        List<String> deleted = new ArrayList<>();
        for (ChainFormat.Segment segment : expired) {
            Files.delete(segment.path());
            deleted.add(segment.name());
        }
        forceDirectory();
        log.info("Audit retention deleted {} segment(s) older than {}: {}", deleted.size(), retention, deleted);
        return deleted;
    }

    /**
     * A run cut short after its anchor was written (a crash, a failed delete) leaves segments before the anchored
     * one. They were due, and the verifier would read them as records out of order, so no later run would pass its
     * check: the deletion is finished first. Only segments before the anchor whose every record is past retention go.
     */
    private void finishInterruptedRun(Instant cutoff) throws IOException {
        Path anchor = directory.resolve(ChainFormat.ANCHOR);
        if (!Files.exists(anchor)) {
            return;
        }
        java.util.OptionalLong anchored = ChainFormat.segmentIndex(
                json.readTree(Files.readString(anchor, java.nio.charset.StandardCharsets.UTF_8).strip())
                        .path("segment").asString());
        if (anchored.isEmpty()) {
            return;
        }
        List<String> finished = new ArrayList<>();
        for (ChainFormat.Segment segment : ChainFormat.segments(directory)) {
            if (segment.index() >= anchored.getAsLong()) {
                break;
            }
            List<byte[]> lines = ChainFormat.readLines(segment.path()).lines();
            if (!lines.isEmpty() && !Instant.parse(json.readTree(lines.getLast()).path("time").asString())
                    .isBefore(cutoff)) {
                break; // not due: left for the verifier to report
            }
            Files.delete(segment.path());
            finished.add(segment.name());
        }
        if (!finished.isEmpty()) {
            forceDirectory();
            log.warn("Audit retention finished an interrupted run: deleted {}", finished);
        }
    }

    private void writeAnchor(long firstSeq, String prev, String segment) throws IOException {
        StringBuilder body = new StringBuilder();
        new Json(body).begin()
                .field("v", ChainFormat.VERSION)
                .field("type", "retention")
                .field("time", clock.instant().toString())
                .field("firstSeq", firstSeq)
                .field("prev", prev)
                .field("segment", segment)
                .field("key", key.id());
        byte[] line = SignedLine.sign(body, key);
        Path temporary = directory.resolve(ChainFormat.ANCHOR + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        // The anchor must be durable before any segment goes, or a crash in between would look like tampering.
        Files.move(temporary, directory.resolve(ChainFormat.ANCHOR), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            log.debug("Could not fsync the audit directory", e);
        }
    }
}
