package dev.periscope.masking;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One rule as loaded from {@code masking-rules/*.yaml}: what it detects and what it does with it.
 *
 * @param label the short name shown in masked output, e.g. {@code email} in {@code [REDACTED:email]}
 * @param content the content detector, or null for a field rule
 * @param fields field-name or dotted-path globs, empty for a content rule
 * @param textValue how far an unquoted value under one of a field rule's keys runs in free text
 * @param textCheck whether a value found under one of a field rule's keys in free text is one to mask: a key in
 *     prose is a guess ({@code address: 0.0.0.0:8080}, {@code dsn=2.0.0}), a field of a structured event is not, so
 *     structured fields are masked whatever they hold
 * @param valueAsText a field rule whose {@code textCheck} turns a structured field's value away masks that value as the
 *     line {@code name: value} a log would show, so that the content rules mask only what is secret in it (a header's
 *     scheme, a cookie's name, a connection string's host stay); any other structured value is masked whole
 * @param source file and line the rule was read from, for error messages and {@code --explain}
 */
record MaskingRule(
        String id,
        String category,
        String label,
        String description,
        @Nullable ContentDetector content,
        List<FieldGlob> fields,
        TextValue textValue,
        Validators.Validator textCheck,
        Action action,
        RuleOptions options,
        boolean enabled,
        Map<String, ServiceOverride> services,
        boolean valueAsText,
        String source) {

    /** How far an unquoted value under a field rule's key runs in free text ({@code key=value}, {@code key: value}). */
    enum TextValue {
        /** To the first space: a number, an id, a login. */
        WORD,
        /**
         * A number and the groups of digits after it ({@code 12 345 678 903}, {@code 65 170839 J 003}): identifiers
         * written in groups, which a single word would cut after the first.
         */
        GROUPS,
        /** Over the words after it too, past commas, up to the next key: names, addresses, dates. */
        WORDS,
        /** The rest of a header: as words, and {@code key=value} pairs inside it belong to it (Digest, cookies). */
        HEADER
    }

    enum Action {
        REDACT, PARTIAL, TOKENIZE, HASH
    }

    /** How a value is normalised before it is hashed or tokenized, so that spellings of one value share a token. */
    enum Normalization {
        NONE, LOWER, DIGITS, ALNUM_UPPER, URL_DECODE_LOWER, DOTTED, SPELLED_EMAIL
    }

    /**
     * @param keepLast partial: how many trailing characters stay visible
     * @param keepDomain partial on an email: keep the domain
     */
    record RuleOptions(int keepLast, boolean keepDomain, Normalization normalize) {
    }

    record ServiceOverride(@Nullable Boolean enabled, @Nullable Action action) {
    }

    /**
     * A content pattern with its prefilter. Either {@code keywords} or {@code window} tells the fast engine where a
     * match can be; the equivalence test holds the rule to that promise.
     *
     * @param group the named group whose span is masked; null masks the whole match
     * @param keywords literals (case-insensitive), one of which every match contains
     * @param before how far before a keyword a match may start
     * @param after how far after a keyword's end a match may end
     * @param window the characters every match consists of, or null
     * @param context words of which one must appear near the match (empty: no context needed)
     * @param exclusions patterns; a matched value that any of them finds is not a hit
     * @param otherKeys where a match of digits alone under a key or after a word that names something else (a time,
     *     a size, an order's id: {@link OtherKeys}) is not a hit
     */
    record ContentDetector(
            Pattern pattern,
            @Nullable String group,
            Validators.Validator validator,
            String validatorName,
            List<String> keywords,
            int before,
            int after,
            @Nullable WindowSpec window,
            @Nullable DigitSpec digits,
            List<String> context,
            int contextBefore,
            int contextAfter,
            List<Pattern> exclusions,
            OtherKeys.Scope otherKeys) {
    }

    /**
     * Matches consist only of characters of {@code charClass}; a run of such characters shorter than
     * {@code minLength}, with fewer than {@code minDigits} digits or fewer than {@code minMarks} characters that are
     * neither letters nor digits (dots, colons, dashes...), cannot hold a match; nor can a run in which the
     * {@code gate} pattern (a cheap necessary condition, e.g. "::" or six colons for IPv6) finds nothing.
     */
    record WindowSpec(String charClass, int minLength, int minDigits, int minMarks, @Nullable Pattern gate) {
    }

    /**
     * Every match holds at least {@code min} ASCII digits, consecutive digits separated by at most {@code maxGap}
     * characters from {@code separators}; it starts at most {@code before} characters before its first digit and ends
     * at most {@code after} characters after its last one. The fast engine runs the pattern only around such digit
     * clusters. A cluster must also hold {@code minSeparators} separator characters (three dots for an IPv4), and the
     * {@code gate}, if any, must find something between {@code before} chars ahead of the cluster and {@code after}
     * chars past it (a cheap necessary condition, e.g. "+" or "00" for an international phone number).
     */
    record DigitSpec(int min, String separators, int maxGap, int before, int after, int minSeparators,
            @Nullable Pattern gate) {
    }

    boolean isFieldRule() {
        return content == null;
    }

    boolean enabledFor(String service) {
        if (service.equals(MaskingContext.ANY_SERVICE)) {
            return enabledAnywhere();
        }
        ServiceOverride o = services.get(service);
        if (o != null && o.enabled() != null) {
            return o.enabled();
        }
        return enabled;
    }

    /** Redact shows nothing; a keyed token only equality; a plain hash can be guessed back; partial shows a part. */
    private static final List<Action> STRICTEST_FIRST = List.of(Action.REDACT, Action.TOKENIZE, Action.HASH,
            Action.PARTIAL);

    private Action strictestAction() {
        Action strictest = action;
        for (ServiceOverride o : services.values()) {
            if (o.action() != null && STRICTEST_FIRST.indexOf(o.action()) < STRICTEST_FIRST.indexOf(strictest)) {
                strictest = o.action();
            }
        }
        return strictest;
    }

    /** Whether the rule applies to at least one service: by default, or by a per-service override. */
    boolean enabledAnywhere() {
        return enabled || services.values().stream().anyMatch(o -> Boolean.TRUE.equals(o.enabled()));
    }

    Action actionFor(String service) {
        if (service.equals(MaskingContext.ANY_SERVICE)) {
            return strictestAction();
        }
        ServiceOverride o = services.get(service);
        if (o != null && o.action() != null) {
            return o.action();
        }
        return action;
    }
}
