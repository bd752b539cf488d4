package dev.periscope.masking;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds, inside free text, the values of keys that a field rule names: {@code {"salary": 91000}} or
 * {@code salary=91000} in a message, a JSON list kept as one field's text, JSON escaped inside a JSON string. A
 * structured event's field {@code salary} is masked by its name; the same value written into a message must not
 * show. Keys are matched as field names are, by the field rules' globs (a key in text has no path above it).
 *
 * <p>Found values become spans whose rule is {@code -(i + 1)} for the field rule at index {@code i} of
 * {@link CompiledRules#fieldRules}, so they sort, merge and render with the content rules' spans.
 */
final class EmbeddedFields {

    /** Longer keys are not looked up: field names are short, and this bounds the work per quote. */
    static final int MAX_KEY = 64;

    private EmbeddedFields() {
    }

    static List<Span> find(CompiledRules r, MaskingContext context, String text) {
        if (r.fieldRules.isEmpty()) {
            return List.of();
        }
        List<Span> out = null;
        int n = text.length();
        // Only quotes and equals signs can start a key: found with indexOf, which scans many characters at a time.
        int quote = text.indexOf('"');
        int equals = text.indexOf('=');
        while (quote >= 0 || equals >= 0) {
            int i = equals < 0 || quote >= 0 && quote < equals ? quote : equals;
            int next = i + 1;
            if (i == quote) {
                int close = keyEnd(text, i + 1);
                if (close >= 0) {
                    boolean escaped = text.charAt(close) == '\\';
                    int colon = skipSpaces(text, close + (escaped ? 2 : 1));
                    // Not followed by a colon, the quote may have closed a string rather than opened a key: the scan goes
                    // on from the quote that closed this one, looked at as an opening one in its turn.
                    if (colon < n && text.charAt(colon) == ':') {
                        // The key is looked up before its value is read, so text full of unknown keys costs no more
                        // than one pass. The value of a known one is not skipped: JSON escaped inside it has keys too.
                        MaskingRule rule = r.fieldKeys.mayMatch(text, i + 1, close)
                                ? ruleFor(r, context, text.substring(i + 1, close)) : null;
                        int[] value = rule == null ? null : jsonValue(text, skipSpaces(text, colon + 1));
                        if (value != null) {
                            out = add(out, r, rule, value);
                        }
                        next = escaped ? close + 2 : close + 1;
                    } else {
                        next = close;
                    }
                }
            } else if (i > 0) {
                int start = i;
                while (start > 0 && i - start < MAX_KEY && isKeyChar(text.charAt(start - 1))) {
                    start--;
                }
                if (start < i && (start == 0 || !isKeyChar(text.charAt(start - 1)))) {
                    MaskingRule rule = r.fieldKeys.mayMatch(text, start, i)
                            ? ruleFor(r, context, text.substring(start, i)) : null;
                    int[] value = rule == null ? null : plainValue(text, i + 1);
                    if (value != null) {
                        out = add(out, r, rule, value);
                        next = value[1]; // what the value holds is masked with it
                    }
                }
            }
            if (quote >= 0 && quote < next) {
                quote = text.indexOf('"', next);
            }
            if (equals >= 0 && equals < next) {
                equals = text.indexOf('=', next);
            }
        }
        return out == null ? List.of() : out;
    }

    private static @Nullable MaskingRule ruleFor(CompiledRules r, MaskingContext context, String key) {
        for (MaskingRule rule : r.fieldRulesFor(key)) {
            if (rule.enabledFor(context.service()) && !context.exemptCategories().contains(rule.category())) {
                return rule;
            }
        }
        return null;
    }

    private static List<Span> add(@Nullable List<Span> out, CompiledRules r, MaskingRule rule, int[] value) {
        List<Span> list = out == null ? new ArrayList<>(2) : out;
        list.add(new Span(value[0], value[1], -1 - r.fieldRules.indexOf(rule)));
        return list;
    }

    /**
     * The index of the quote that closes a key opened just before {@code from}, or of the backslash before it for
     * a key of escaped JSON ({@code \"salary\"}); -1 when none closes within {@link #MAX_KEY} characters.
     */
    private static int keyEnd(String text, int from) {
        int limit = Math.min(text.length(), from + MAX_KEY + 1);
        for (int j = from; j < limit; j++) {
            char c = text.charAt(j);
            if (c == '"') {
                return j > from ? j : -1;
            }
            if (c == '\\') {
                return j > from && j + 1 < text.length() && text.charAt(j + 1) == '"' ? j : -1;
            }
        }
        return -1;
    }

    /** Where a JSON value starting at {@code v} holds its text: inside its quotes, or a number or literal whole. */
    private static int @Nullable [] jsonValue(String text, int v) {
        int n = text.length();
        if (v >= n) {
            return null;
        }
        char c = text.charAt(v);
        if (c == '"') {
            int end = v + 1;
            while (end < n && text.charAt(end) != '"') {
                end += text.charAt(end) == '\\' ? 2 : 1;
            }
            return nonEmpty(v + 1, Math.min(end, n));
        }
        if (c == '\\' && v + 1 < n && text.charAt(v + 1) == '"') {
            // A string of JSON escaped inside a JSON string: it ends at the next escaped quote.
            int end = text.indexOf("\\\"", v + 2);
            return nonEmpty(v + 2, end < 0 ? n : end);
        }
        if (c == '{' || c == '[') {
            return null; // its own keys are looked at as the scan goes on
        }
        int end = v;
        while (end < n && ",}] \t\r\n\\\"".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return nonEmpty(v, end);
    }

    /** Where a {@code key=value} value starting at {@code v} holds its text: quoted, or up to a space or separator. */
    private static int @Nullable [] plainValue(String text, int v) {
        int n = text.length();
        if (v < n && text.charAt(v) == '"') {
            int end = v + 1;
            while (end < n && text.charAt(end) != '"') {
                end += text.charAt(end) == '\\' ? 2 : 1;
            }
            return nonEmpty(v + 1, Math.min(end, n));
        }
        int end = v;
        while (end < n && " \t\r\n&,;\"'".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return nonEmpty(v, end);
    }

    private static int @Nullable [] nonEmpty(int start, int end) {
        return end > start ? new int[] {start, end} : null;
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isKeyChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                || c == '-';
    }
}
