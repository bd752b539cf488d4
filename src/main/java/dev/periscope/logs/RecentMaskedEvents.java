package dev.periscope.logs;

import dev.periscope.logs.store.LogEvent;
import dev.periscope.masking.MaskedText;
import dev.periscope.masking.Masker;
import dev.periscope.masking.RecentMemo;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * What recent events masked to, whole: during an incident the same pages are read again and again (refreshed,
 * scrolled back to, opened from a link by everyone in the channel), and an event read again then costs one lookup
 * instead of masking its message, each field and each label once more.
 *
 * <p>Only masked events are kept, never raw ones, and only for readers without exemptions, under the masker's terms
 * ({@link Masker#reuse()}): dropped when the rules change and shown for at most the masker's age limit. An event is
 * found by its id together with a fingerprint of its raw content, so that an id that comes back with other content (a
 * file rewritten in place, another store) is masked afresh; a fingerprint that collided could only show another
 * event's masked form, never raw text. Memory is bounded by the characters kept.
 */
final class RecentMaskedEvents {

    /** Characters of masked events kept at most: some hundreds of pages. */
    static final long MAX_CHARS = 8L << 20;
    /** Larger events are masked every time: one would crowd out pages' worth of others. */
    static final int MAX_EVENT_CHARS = 16_384;
    /** What each event costs beyond its characters: the records, maps and hits that hold them. */
    private static final int EVENT_OVERHEAD_CHARS = 256;
    private static final int FIELD_OVERHEAD_CHARS = 48;

    private final RecentMemo<Key, MaskedLogEvent> memo;

    private RecentMaskedEvents(Masker.Reuse terms, LongSupplier nanoTime) {
        this.memo = new RecentMemo<>(MAX_CHARS, terms.maxAge(), nanoTime);
    }

    /** Events masked by {@code masker} kept on its terms; null when it lets nothing be kept. */
    static @Nullable RecentMaskedEvents forMasker(Masker masker, LongSupplier nanoTime) {
        return masker.reuse().map(terms -> new RecentMaskedEvents(terms, nanoTime)).orElse(null);
    }

    /** What {@code event} masked to under {@code stamp}, or null when it is not known. */
    @Nullable MaskedLogEvent get(Object stamp, LogEvent event) {
        return memo.get(stamp, Key.of(event));
    }

    /** Keeps what {@code event} masked to under {@code stamp}, unless it was withheld or is too large. */
    void put(Object stamp, LogEvent event, MaskedLogEvent masked) {
        if (masked.withheld()) {
            return;
        }
        long chars = EVENT_OVERHEAD_CHARS + masked.message().text().length();
        for (Map.Entry<String, MaskedText> field : masked.fields().asMap().entrySet()) {
            chars += FIELD_OVERHEAD_CHARS + field.getKey().length() + field.getValue().text().length();
        }
        if (chars <= MAX_EVENT_CHARS) {
            memo.put(stamp, Key.of(event), masked, chars);
        }
    }

    /** An event by id and what it holds: the rest of what it masks from, folded to 64 bits. */
    private record Key(String id, String service, long timestamp, long content) {

        static Key of(LogEvent e) {
            long h = mix(e.message().hashCode() * 0x9E3779B97F4A7C15L + e.message().length());
            h = mix(h ^ e.level().hashCode());
            h = mix(h ^ e.source().hashCode());
            h = mix(h ^ e.line() * 31 + e.offset());
            h = mix(h ^ (e.unparsed() ? 1 : 0));
            for (Map.Entry<String, String> field : e.fields().entrySet()) {
                h = mix(h ^ field.getKey().hashCode());
                h = mix(h ^ field.getValue().hashCode() * 0x9E3779B97F4A7C15L + field.getValue().length());
            }
            return new Key(e.id(), e.service(), e.timestamp(), h);
        }

        /** A 64-bit finaliser (Stafford's variant 13), so that each part moves all bits of the whole. */
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
