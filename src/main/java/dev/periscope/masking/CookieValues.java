package dev.periscope.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The values of the cookies of a {@code Cookie} or {@code Set-Cookie} header written in text
 * ({@code Cookie: sid=...; theme=dark}, {@code Set-Cookie: sessionid=...; Expires=...; HttpOnly; Path=/}), masked one by
 * one by the field rule for cookies: names, attributes and a value of one short word or a small number
 * ({@code theme=dark}, {@code lang=en-US}, {@code consent=1}) stay. The rule's validator masks a header that is not
 * read so whole, and a structured cookie field is masked as such a line ({@link MaskingService}).
 */
final class CookieValues {

    /** How much of a header is read; the rule's validator masks a longer header whole. */
    static final int MAX_HEADER = 16_384;

    /** The attributes of a Set-Cookie: their values say how the cookie is kept, not what it holds. */
    private static final Set<String> ATTRIBUTES = Set.of("expires", "max-age", "path", "domain", "samesite",
            "priority");

    private CookieValues() {
    }

    /** The spans of the cookie values in {@code text}, empty when no rule masks cookies for this context. */
    static List<Span> find(CompiledRules r, MaskingContext context, String text) {
        int at = indexOfIgnoreCase(text, "cookie", 0);
        if (at < 0) {
            return List.of();
        }
        MaskingRule rule = r.fieldRuleFor(context, "cookie");
        if (rule == null) {
            return List.of();
        }
        int number = r.spanNumberOf(rule);
        List<Span> out = new ArrayList<>(2);
        for (; at >= 0; at = indexOfIgnoreCase(text, "cookie", at + 6)) {
            int start = headerValue(text, at);
            if (start >= 0) {
                values(text, start, number, out);
            }
        }
        return out;
    }

    /** Where the value of a header named at {@code at} starts ({@code cookie: '}, {@code "Set-Cookie": "}), or -1. */
    private static int headerValue(String text, int at) {
        int before = at;
        if (before >= 3 && text.regionMatches(true, before - 3, "set", 0, 3)) {
            before -= 3;
        } else if (before >= 4 && text.regionMatches(true, before - 4, "set", 0, 3)
                && (text.charAt(before - 1) == '-' || text.charAt(before - 1) == '_')) {
            before -= 4;
        }
        if (before > 0 && (Character.isLetterOrDigit(text.charAt(before - 1)) || text.charAt(before - 1) == '-')) {
            return -1;
        }
        int i = skipQuotes(text, at + 6);
        i = skipBlanks(text, i);
        if (i >= text.length() || text.charAt(i) != ':') {
            return -1;
        }
        return skipQuotes(text, skipBlanks(text, i + 1));
    }

    /** Reads {@code name=value} pairs and attributes parted by semicolons, from {@code i}, until the grammar ends. */
    private static void values(String text, int i, int number, List<Span> out) {
        int limit = Math.min(text.length(), i + MAX_HEADER);
        while (i < limit) {
            int nameEnd = i;
            while (nameEnd < limit && isNameChar(text.charAt(nameEnd))) {
                nameEnd++;
            }
            if (nameEnd == i) {
                return;
            }
            int next;
            if (nameEnd < limit && text.charAt(nameEnd) == '=') {
                String name = text.substring(i, nameEnd).toLowerCase(Locale.ROOT);
                int v = nameEnd + 1;
                if (ATTRIBUTES.contains(name)) {
                    next = v;
                    while (next < limit && text.charAt(next) != ';' && text.charAt(next) != '\n'
                            && text.charAt(next) != '\r' && text.charAt(next) != '"' && text.charAt(next) != '\'') {
                        next++;
                    }
                } else {
                    next = v;
                    while (next < limit && !endsValue(text.charAt(next))) {
                        next++;
                    }
                    if (next > v && !harmless(text, v, next)) {
                        out.add(new Span(v, next, number));
                    }
                }
            } else {
                next = nameEnd; // a flag: Secure, HttpOnly
            }
            if (next >= limit || text.charAt(next) != ';') {
                return;
            }
            i = next + 1;
            while (i < limit && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
        }
    }

    /**
     * A value of one short word or a small number, which no session is: {@code dark}, {@code Lax}, {@code en-US},
     * {@code true}, {@code 1}.
     */
    static boolean harmless(String text, int start, int end) {
        int n = end - start;
        boolean digits = true;
        for (int k = start; k < end; k++) {
            digits &= text.charAt(k) >= '0' && text.charAt(k) <= '9';
        }
        if (digits) {
            return n <= 3;
        }
        // A lower-case word (or one capital first), then at most one part after a dash or an underscore.
        int k = start;
        if (k < end && text.charAt(k) >= 'A' && text.charAt(k) <= 'Z') {
            k++;
        }
        int word = k;
        while (k < end && text.charAt(k) >= 'a' && text.charAt(k) <= 'z') {
            k++;
        }
        if (k == word || k - start > 12) {
            return false;
        }
        if (k == end) {
            return true;
        }
        if (text.charAt(k) != '-' && text.charAt(k) != '_' || end - k - 1 < 2 || end - k - 1 > 8) {
            return false;
        }
        for (int j = k + 1; j < end; j++) {
            if (!Character.isLetter(text.charAt(j)) || text.charAt(j) > 'z') {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&*+.^_`|~-".indexOf(c) >= 0;
    }

    private static boolean endsValue(char c) {
        return c == ';' || c == ',' || c == '"' || c == '\'' || c == '\\' || Character.isWhitespace(c);
    }

    private static int skipQuotes(String text, int i) {
        int j = i;
        while (j < text.length() && j - i < 4 && (text.charAt(j) == '\\' || text.charAt(j) == '"'
                || text.charAt(j) == '\'')) {
            j++;
        }
        return j;
    }

    private static int skipBlanks(String text, int i) {
        int j = i;
        while (j < text.length() && j - i < 3 && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
            j++;
        }
        return j;
    }

    private static int indexOfIgnoreCase(String text, String word, int from) {
        int last = text.length() - word.length();
        for (int i = from; i <= last; i++) {
            char c = text.charAt(i);
            if ((c == 'c' || c == 'C') && text.regionMatches(true, i, word, 0, word.length())) {
                return i;
            }
        }
        return -1;
    }
}
