package dev.periscope.masking;

import dev.periscope.files.ReplaceFile;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A token vault in a directory that every portal replica mounts (see docs/decisions/token-vault-store.md).
 *
 * <p>One small file per (token, value) pair: {@code <dir>/<aa>/<token-id>/<value-id>.tv}, where both ids are HMACs
 * under the vault key, so file names reveal neither token nor value. The file holds the key id, a random 96-bit
 * nonce and the AES-256-GCM ciphertext of the expiry, token and value, with the token as associated data. Files are
 * written to a temporary name and moved into place atomically, so a reader on another replica sees a whole entry or
 * none; two replicas writing the same pair write equivalent entries, and the last move wins.
 */
final class DirectoryTokenVault implements TokenVault {

    private static final int MAGIC = 0x50545631; // "PTV1"
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final Tokenizer tokenizer;
    private final Duration ttl;
    private final Clock clock;
    /**
     * Pairs written recently (token and value to expiry millis), so that a value seen again costs one lookup: no
     * file name to derive (two hashes), no disk access. Emptied when full, which only means some pairs are written
     * once more.
     */
    private final Map<String, Long> recent = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int RECENT_MAX = 20_000;

    DirectoryTokenVault(Path directory, Tokenizer tokenizer, Duration ttl, Clock clock) {
        this.directory = directory;
        this.tokenizer = tokenizer;
        this.ttl = ttl;
        this.clock = clock;
        byte[] namesKey = derive(tokenizer.activeKey(), "vault-names");
        this.namesMac = ThreadLocal.withInitial(() -> {
            try {
                javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(namesKey, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create token vault directory " + directory, e);
        }
    }

    @Override
    public void remember(String token, String value) {
        String pair = token + '\u0000' + value;
        long now = clock.millis();
        Long expiry = recent.get(pair);
        // Refresh an entry once half its life is gone, so a value still seen keeps its token resolvable.
        if (expiry != null && expiry - now > ttl.toMillis() / 2) {
            return;
        }
        Path file = entryPath(token, value);
        long expires = now + ttl.toMillis();
        try {
            ReplaceFile.with(file, encrypt(token, value, expires));
            if (recent.size() >= RECENT_MAX) {
                recent.clear();
            }
            recent.put(pair, expires);
        } catch (IOException e) {
            throw new UncheckedIOException("token vault write failed", e);
        }
    }

    @Override
    public List<String> resolve(String token) {
        Path dir = tokenDir(token);
        List<String> values = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return values;
        }
        long now = clock.millis();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.tv")) {
            for (Path f : files) {
                Entry e = decrypt(f);
                if (e == null || !e.token().equals(token)) {
                    continue;
                }
                if (e.expires() < now) {
                    Files.deleteIfExists(f);
                    continue;
                }
                if (!values.contains(e.value())) {
                    values.add(e.value());
                }
            }
        } catch (NoSuchFileException e) {
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("token vault read failed", e);
        }
        return values;
    }

    /** Deletes expired entries; returns how many. Any replica may run it. */
    int sweep() {
        long now = clock.millis();
        int removed = 0;
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path f : all.filter(p -> p.toString().endsWith(".tv")).toList()) {
                Entry e = decrypt(f);
                if (e != null && e.expires() < now && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("token vault sweep failed", e);
        }
        return removed;
    }

    private Path tokenDir(String token) {
        // Tokens are shown to users, so an unkeyed hash hides nothing that matters and survives key rotation.
        String id = HexFormat.of().formatHex(SHA256.get().digest(("t:" + token).getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
        return directory.resolve(id.substring(0, 2)).resolve(id);
    }

    private Path entryPath(String token, String value) {
        // Keyed, so a file name cannot be used to confirm a guessed value.
        String vid = HexFormat.of().formatHex(namesMac.get().doFinal((token + '\u0000' + value)
                .getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        return tokenDir(token).resolve(vid + ".tv");
    }

    /**
     * Every value masked with a token asks for its entry's path, even when the entry was written a moment ago:
     * {@code MessageDigest.getInstance} and {@code Mac.getInstance} plus a key derivation cost more than the hashes,
     * so the instances are kept per thread (the names key is derived once: the tokenizer's keys never change).
     */
    private static final ThreadLocal<java.security.MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });
    private final ThreadLocal<javax.crypto.Mac> namesMac;

    private static byte[] derive(Tokenizer.TokenKey key, String purpose) {
        return Tokenizer.hmac(key.secret(), "periscope-vault:" + purpose);
    }

    private byte[] encrypt(String token, String value, long expires) {
        try {
            Tokenizer.TokenKey key = tokenizer.activeKey();
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            DataOutputStream p = new DataOutputStream(plain);
            p.writeLong(expires);
            p.writeUTF(token);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            p.writeInt(v.length);
            p.write(v);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derive(key, "aes"), "AES"),
                    new GCMParameterSpec(128, nonce));
            // The entry is bound to its token's directory: moved elsewhere, it no longer decrypts.
            cipher.updateAAD(tokenDir(token).getFileName().toString().getBytes(StandardCharsets.UTF_8));
            byte[] ct = cipher.doFinal(plain.toByteArray());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DataOutputStream o = new DataOutputStream(out);
            o.writeInt(MAGIC);
            o.writeUTF(key.id());
            o.write(nonce);
            o.write(ct);
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("token vault encryption failed", e);
        }
    }

    private record Entry(String token, String value, long expires) {
    }

    /** Null when the file is not readable, under an unknown key, or tampered with. */
    private Entry decrypt(Path f) {
        try {
            byte[] all = Files.readAllBytes(f);
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(all));
            if (in.readInt() != MAGIC) {
                return null;
            }
            String keyId = in.readUTF();
            var key = tokenizer.key(keyId);
            if (key.isEmpty()) {
                return null;
            }
            byte[] nonce = in.readNBytes(12);
            byte[] ct = in.readAllBytes();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derive(key.get(), "aes"), "AES"),
                    new GCMParameterSpec(128, nonce));
            cipher.updateAAD(f.getParent().getFileName().toString().getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(ct);
            DataInputStream p = new DataInputStream(new java.io.ByteArrayInputStream(plain));
            long expires = p.readLong();
            String token = p.readUTF();
            byte[] v = p.readNBytes(p.readInt());
            return new Entry(token, new String(v, StandardCharsets.UTF_8), expires);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

}
