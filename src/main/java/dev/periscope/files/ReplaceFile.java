package dev.periscope.files;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces a small file whole: the bytes go to a temporary file beside it, which is then moved over it. A reader,
 * or a restart after a crash, sees the old content or the new, never half of one. The temporary file is removed when
 * writing or moving fails, so failures do not leave litter in the directory. Nothing is forced to disk: callers
 * that need durability (the audit trail) do their own fsync.
 */
public final class ReplaceFile {

    private ReplaceFile() {
    }

    /** Writes {@code bytes} to {@code file}, creating its directory if needed. */
    public static void with(Path file, byte[] bytes) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + file.getFileName() + "-", ".tmp");
        try {
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Some file systems cannot rename atomically; a plain replace is the best they offer.
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
