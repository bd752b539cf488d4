package dev.periscope.base;

import dev.periscope.files.ReplaceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Remembers each user's light or dark choice on the server, so it follows them across browsers.
 * Stored as one small file per user under the data directory, named by a hash of the user id.
 */
@Service
public class ColorSchemePreferences {

    private static final Logger log = LoggerFactory.getLogger(ColorSchemePreferences.class);

    public enum Scheme { LIGHT, DARK }

    private final Path directory;

    ColorSchemePreferences(@Value("${periscope.data.directory:./data}") Path dataDirectory) {
        this.directory = dataDirectory.resolve("preferences");
    }

    public Optional<Scheme> get(String userId) {
        Path file = file(userId);
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            return Optional.of(Scheme.valueOf(Files.readString(file, StandardCharsets.UTF_8).trim()));
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Unreadable colour scheme preference, using the default", e);
            return Optional.empty();
        }
    }

    public void set(String userId, Scheme scheme) {
        try {
            ReplaceFile.with(file(userId), scheme.name().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // A lost theme preference is harmless; the UI keeps the chosen scheme for this session.
            log.warn("Could not store colour scheme preference", e);
        }
    }

    private Path file(String userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8));
            return directory.resolve(HexFormat.of().formatHex(digest, 0, 16) + ".scheme");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
