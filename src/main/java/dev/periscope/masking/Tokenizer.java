package dev.periscope.masking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Deterministic keyed tokens: {@code ‹label:hex›}, the hex being HMAC-SHA-256 of the label and the normalised value
 * under the active key, cut to {@code length} hex digits. The same value gives the same token in every service and
 * on every replica as long as the key is the same.
 *
 * <p>Keys rotate: the first key is active, the others are kept so that the vault can still open entries written
 * under them. A new active key gives new tokens: a token is stable for the life of a key, not beyond.
 */
final class Tokenizer {

    static final char OPEN = '‹';
    static final char CLOSE = '›';

    private final List<TokenKey> keys;
    private final int length;
    /**
     * Tokens made recently, by HMAC input: the same customer's email or card recurs on every page that shows their
     * events, and a lookup costs less than the HMAC. Emptied when full. The key never changes for a tokenizer (a new
     * active key makes a new tokenizer), so an entry never goes stale.
     */
    private final Map<String, String> recent = new ConcurrentHashMap<>();
    private static final int RECENT_MAX = 20_000;
    /** Mac.getInstance costs more than the HMAC of a short value: one initialised Mac per thread. */
    private final ThreadLocal<Mac> activeMac;

    Tokenizer(List<TokenKey> keys, int length) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one token key is needed");
        }
        if (length < 8 || length > 64) {
            throw new IllegalArgumentException("token length must be 8..64 hex digits");
        }
        this.keys = List.copyOf(keys);
        this.length = length;
        byte[] secret = keys.getFirst().secret();
        this.activeMac = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    TokenKey activeKey() {
        return keys.getFirst();
    }

    Optional<TokenKey> key(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    String token(String label, String normalizedValue) {
        String input = label + '\u0000' + normalizedValue;
        String known = recent.get(input);
        if (known != null) {
            return known;
        }
        byte[] mac = activeMac.get().doFinal(input.getBytes(StandardCharsets.UTF_8));
        // Only the bytes shown are formatted: a token shows 8 of the 64 hex digits by default.
        String hex = HexFormat.of().formatHex(mac, 0, (length + 1) / 2);
        String token = OPEN + label + ":" + (hex.length() == length ? hex : hex.substring(0, length)) + CLOSE;
        if (recent.size() >= RECENT_MAX) {
            recent.clear();
        }
        recent.put(input, token);
        return token;
    }

    static String hash(String label, String normalizedValue) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(normalizedValue.getBytes(StandardCharsets.UTF_8));
            return "[HASH:" + label + ":" + HexFormat.of().formatHex(d).substring(0, 16) + "]";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token key: an id (written into vault entries) and at least 32 bytes of secret. */
    record TokenKey(String id, byte[] secret) {

        TokenKey {
            if (!id.matches("[A-Za-z0-9_.-]{1,32}")) {
                throw new IllegalArgumentException("token key id must be 1-32 of [A-Za-z0-9_.-]");
            }
            if (secret.length < 32) {
                throw new IllegalArgumentException("token key " + id + " is shorter than 32 bytes");
            }
            secret = secret.clone();
        }

        /** Parses {@code id:base64}. */
        static TokenKey parse(String spec) {
            int colon = spec.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("token key must be written id:base64");
            }
            return new TokenKey(spec.substring(0, colon).trim(),
                    java.util.Base64.getDecoder().decode(spec.substring(colon + 1).trim()));
        }

        @Override
        public String toString() {
            return "TokenKey[" + id + "]";
        }
    }
}
