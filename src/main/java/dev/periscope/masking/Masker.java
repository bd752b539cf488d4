package dev.periscope.masking;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The one masking engine every value passes through before it leaves the server.
 *
 * <p>Implementations never throw and never return raw input on failure: if a value cannot be masked within its
 * budget, the result is a placeholder with {@link MaskedText#withheld()} set, and the caller audits the failure.
 */
public interface Masker {

    /** Masks free text (log messages, stack traces, label values, query text). */
    MaskedText mask(MaskingContext context, String raw);

    /**
     * Masks a structured event's fields by field name or dotted path, then by content. Keys are dotted names of
     * flattened fields; the result keeps the same keys, except a key that itself holds a confidential value, which
     * is masked like text.
     */
    MaskedFields mask(MaskingContext context, Map<String, String> rawFields);

    /**
     * Masks a short label of an event that is not free text: a service, a level, a source file. By default as
     * text; the engine remembers labels it found clean.
     */
    default MaskedText maskLabel(MaskingContext context, String label) {
        return mask(context, label);
    }

    /**
     * The rule category a token stands for ({@code pii} for {@code ‹email:7f3a9c21›}), so that a request to reveal
     * it can be held to the categories a policy lets its requester reveal. Empty when the text is not a token of a
     * rule in force, and by default.
     */
    default Optional<String> categoryOfToken(String token) {
        return Optional.empty();
    }

    /**
     * Whether a caller may keep what whole records (a page's events) masked to and show it again, and for how long:
     * empty, by default, when results must be worked out every time.
     */
    default Optional<Reuse> reuse() {
        return Optional.empty();
    }

    /**
     * Terms on which masked output may be kept by a caller. Only output for readers without exemptions may be kept,
     * and never a withheld result.
     *
     * @param stamp the same object between two calls only while the same input masks to the same output (the rules in
     *     force); a different stamp means everything kept under the old one is stale
     * @param maxAge how long kept output may be shown, inside the lifetime of the tokens it holds
     */
    record Reuse(Object stamp, Duration maxAge) {
    }
}
