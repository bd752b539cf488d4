package dev.periscope.logs.store.elasticsearch;

import dev.periscope.files.ReplaceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time of the newest audit record the audit index has taken, kept in a small file so that a restarted portal
 * resumes shipping there instead of sending the whole audit trail again.
 *
 * <p>Losing or misreading the file is never worse than shipping again from the start: every record's id is its
 * document id, so the cluster replaces what it already has. The file therefore fails towards "ship everything".
 */
final class ShippedWatermark {

    private static final Logger log = LoggerFactory.getLogger(ShippedWatermark.class);

    private final Path file;

    ShippedWatermark(Path file) {
        this.file = file;
    }

    /** The kept time, or the epoch when there is none or it cannot be read. */
    Instant load() {
        try {
            return Instant.parse(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException e) {
            return Instant.EPOCH;
        } catch (IOException | DateTimeException e) {
            log.warn("The audit shipping watermark {} could not be read; shipping the whole audit trail again", file);
            return Instant.EPOCH;
        }
    }

    /** Keeps {@code time}; a failure is logged and leaves the previous time, which only means shipping more later. */
    void save(Instant time) {
        try {
            ReplaceFile.with(file, (time + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.warn("The audit shipping watermark {} could not be written ({}); a restart ships from an earlier point",
                    file, e.getMessage());
        }
    }
}
