package dev.periscope.masking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * What recent texts masked to, so that the same events read again cost a lookup instead of the engine: during an
 * incident many people open the same minutes of the same services, pages are refreshed, scrolled back to and opened
 * from links, and the same host, thread and logger names recur on every event of a page.
 *
 * <p>Nothing raw is kept. A text is found by a keyed hash of it (HMAC-SHA-256 under a key made at start and never
 * stored), so the memory holds masked output only and no dictionary of guesses can be checked against it. Short texts,
 * where hashing would cost about as much as masking, are remembered only when they masked clean: such a text holds
 * nothing any rule masks, so it may be its own key.
 *
 * <p>Answers belong to one rule set and one service, for readers without exemptions (a break-glass exemption shows
 * some values raw, and such output is never kept). Withheld results are not kept: the next try may succeed. An entry
 * is answered for at most {@code maxAge}, well inside the token vault's lifetime, so a token shown from memory can
 * still be searched for. Memory is bounded by the characters kept: two generations of entries, the older dropped
 * whole when the newer is full or old.
 */
final class RecentMaskedTexts {

    /** Shorter texts are kept only when clean, keyed by themselves. */
    static final int HASHED_FROM_CHARS = 32;
    /** Longer texts are masked every time: a huge event would crowd out hundreds of pages' worth of entries. */
    static final int MAX_TEXT_CHARS = 16_384;
    /** What each entry costs beyond its characters, counted against the bound. */
    private static final int ENTRY_OVERHEAD_CHARS = 64;

    private final RecentMemo<Object, MaskedText> memo;
    private final Duration maxAge;
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    RecentMaskedTexts(long maxChars, Duration maxAge) {
        this(maxChars, maxAge, System::nanoTime);
    }

    RecentMaskedTexts(long maxChars, Duration maxAge, LongSupplier nanoTime) {
        this.memo = new RecentMemo<>(maxChars, maxAge, nanoTime);
        this.maxAge = maxAge;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** How long an answer is given from memory. */
    Duration maxAge() {
        return maxAge;
    }

    /** Whether a text of this context may be looked up and kept at all. */
    static boolean applies(MaskingContext context, String raw) {
        return context.exemptCategories().isEmpty() && !raw.isEmpty() && raw.length() <= MAX_TEXT_CHARS;
    }

    /** What {@code raw} masked to under these rules for this service, or null when it is not known (or too old). */
    @Nullable MaskedText get(CompiledRules rules, String service, String raw) {
        return memo.get(rules, keyOf(service, raw));
    }

    /** Remembers what {@code raw} masked to; short texts only when clean, withheld results never. */
    void put(CompiledRules rules, String service, String raw, MaskedText masked) {
        if (masked.withheld() || raw.length() < HASHED_FROM_CHARS && !masked.hits().isEmpty()) {
            return;
        }
        Object k = keyOf(service, raw);
        memo.put(rules, k, masked, masked.text().length() + ENTRY_OVERHEAD_CHARS
                + (k instanceof ShortKey s ? s.text.length() : 0));
    }

    private Object keyOf(String service, String raw) {
        if (raw.length() < HASHED_FROM_CHARS) {
            return new ShortKey(service, raw);
        }
        Mac mac = macs.get();
        mac.update(service.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] h = mac.doFinal(raw.getBytes(StandardCharsets.UTF_8));
        return new HashedKey(service, longAt(h, 0), longAt(h, 8));
    }

    private static long longAt(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[at + i] & 0xffL);
        }
        return v;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A clean short text under one service. */
    private record ShortKey(String service, String text) {
    }

    /** A text under one service, by 128 bits of its keyed hash. */
    private record HashedKey(String service, long high, long low) {
    }

    /** For tests: how many entries the newer generation holds. */
    int size() {
        return memo.size();
    }
}
