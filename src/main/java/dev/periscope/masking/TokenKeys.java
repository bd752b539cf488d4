package dev.periscope.masking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/** Where token keys come from: configuration, or (demo only) a key generated once and kept in the data directory. */
final class TokenKeys {

    private TokenKeys() {
    }

    static List<Tokenizer.TokenKey> resolve(MaskingProperties p) {
        if (!p.tokenKeys().isEmpty()) {
            return p.tokenKeys().stream().map(Tokenizer.TokenKey::parse).toList();
        }
        if (!p.generateKeyIfMissing()) {
            throw new IllegalStateException("No token key configured. Set periscope.masking.token-keys "
                    + "(environment PERISCOPE_MASKING_TOKENKEYS) to id:base64 with at least 32 random bytes, e.g. "
                    + "'k1:' followed by the output of 'openssl rand -base64 32'. Only the demo profile may set "
                    + "periscope.masking.generate-key-if-missing=true instead.");
        }
        return List.of(loadOrGenerate(p.dataDirectory().resolve("masking").resolve("token-key")));
    }

    static Tokenizer.TokenKey loadOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                return Tokenizer.TokenKey.parse(Files.readString(file, StandardCharsets.UTF_8).trim());
            }
            Files.createDirectories(file.getParent());
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String spec = "generated-" + Long.toHexString(System.currentTimeMillis()) + ":"
                    + Base64.getEncoder().encodeToString(secret);
            Path tmp = Files.createTempFile(file.getParent(), ".token-key", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's own protection has to do.
            }
            Files.writeString(tmp, spec + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file);
            return Tokenizer.TokenKey.parse(spec);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the generated token key " + file, e);
        }
    }
}
