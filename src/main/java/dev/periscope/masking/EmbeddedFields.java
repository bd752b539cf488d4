package dev.periscope.masking;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds, inside free text, the values of keys that a field rule names: {@code {"salary": 91000}},
 * {@code salary=91000} or {@code salary: 91000} in a message, a JSON list kept as one field's text, JSON escaped inside a JSON string. A
 * structured event's field {@code salary} is masked by its name; the same value written into a message must not
 * show. Keys are matched as field names are, by the field rules' globs (a key in text has no path above it).
 *
 * <p>Found values become spans numbered as field rules ({@link CompiledRules#ruleOfSpan}), so they sort, merge and
 * render with the content rules' spans.
 */
final class EmbeddedFields {

    /** Longer keys are not looked up: field names are short, and this bounds the work per quote. */
    static final int MAX_KEY = 64;
    /** The longest a token can be ({@link MaskingService#TOKEN}). */
    private static final int MAX_TOKEN = 2 + 40 + 1 + 64;

    private EmbeddedFields() {
    }

    static List<Span> find(CompiledRules r, MaskingContext context, String text) {
        if (r.fieldRules.isEmpty()) {
            return List.of();
        }
        List<Span> out = null;
        int n = text.length();
        // Only quotes, equals signs and colons can start a key: found with indexOf, which scans many characters at
        // a time. Each kind has its own cursor: a text without single quotes is searched for one once, not once for
        // every double quote.
        int doubleQuote = text.indexOf('"');
        int singleQuote = text.indexOf('\'');
        int quote = first(doubleQuote, singleQuote);
        int equals = text.indexOf('=');
        int colon = text.indexOf(':');
        while (quote >= 0 || equals >= 0 || colon >= 0) {
            int i = first(quote, first(equals, colon));
            // Where each kind of scan goes on; an unread '=' between two quotes is still looked at.
            int nextDouble = i + 1;
            int nextSingle = i + 1;
            int nextSign = i + 1;
            if (i == quote) {
                char q = text.charAt(i);
                int close = keyEnd(text, i + 1, q);
                if (close >= 0) {
                    boolean escaped = text.charAt(close) == '\\';
                    int sign = skipSpaces(text, close + (escaped ? 2 : 1));
                    if (sign < n && text.charAt(sign) == ':') {
                        // The key is looked up before its value is read, so text full of unknown keys costs no more
                        // than one pass. A string value is not skipped (JSON escaped inside it has keys too); a list
                        // or object, a number or a literal is masked whole and skipped.
                        MaskingRule rule = r.fieldKeys.mayMatch(text, i + 1, close)
                                ? r.fieldRuleFor(context, text.substring(i + 1, close)) : null;
                        int[] value = rule == null ? null : jsonValue(text, skipSpaces(text, sign + 1));
                        int after = escaped ? close + 2 : close + 1;
                        if (value != null) {
                            out = add(out, r, rule, text, value);
                            if (value[2] != QUOTED) {
                                after = Math.max(after, value[1]);
                            }
                        }
                        nextDouble = after;
                        nextSingle = after;
                        nextSign = Math.max(close, value != null && value[2] != QUOTED ? value[1] : close);
                    } else if (q == '"') {
                        // Not followed by a colon, the quote may have closed a string rather than opened a key: the
                        // scan goes on from the quote that closed this one, looked at as an opening one in its turn.
                        // Only for this kind of quote: an apostrophe in prose ("Bob's") must not hide a JSON key.
                        nextDouble = close;
                    } else {
                        nextSingle = close;
                    }
                }
            } else if (i > 0 && (i == equals ? !comparison(text, i) : !notAKeySign(text, i))) {
                // "key=value", "key = value", "key: value", "key:value": spaces before the sign go with it.
                int keyEnd = i;
                while (keyEnd > 0 && i - keyEnd < 2
                        && (text.charAt(keyEnd - 1) == ' ' || text.charAt(keyEnd - 1) == '\t')) {
                    keyEnd--;
                }
                int valueStart = keyEnd < i || i == colon ? skipSpaces(text, i + 1) : i + 1;
                int start = keyEnd;
                while (start > 0 && keyEnd - start < MAX_KEY && isKeyChar(text.charAt(start - 1))) {
                    start--;
                }
                // A token's label is no key: "‹email:7f3a9c21›" stays as it is.
                if (start < keyEnd && (start == 0 || !isKeyChar(text.charAt(start - 1)))
                        && !(i == colon && start > 0 && text.charAt(start - 1) == '‹')) {
                    MaskingRule rule = r.fieldKeys.mayMatch(text, start, keyEnd)
                            ? r.fieldRuleFor(context, text.substring(start, keyEnd)) : null;
                    int[] value = rule == null ? null : plainValue(text, valueStart, rule.multiWord());
                    if (value != null) {
                        out = add(out, r, rule, text, value);
                        // What the value holds is masked with it.
                        int after = value[2] == QUOTED ? value[1] + 1 : value[1];
                        nextDouble = after;
                        nextSingle = after;
                        nextSign = value[1];
                    }
                }
            }
            if (doubleQuote >= 0 && doubleQuote < nextDouble) {
                doubleQuote = text.indexOf('"', nextDouble);
            }
            if (singleQuote >= 0 && singleQuote < nextSingle) {
                singleQuote = text.indexOf('\'', nextSingle);
            }
            quote = first(doubleQuote, singleQuote);
            if (equals >= 0 && equals < nextSign) {
                equals = text.indexOf('=', nextSign);
            }
            if (colon >= 0 && colon < nextSign) {
                colon = text.indexOf(':', nextSign);
            }
        }
        return out == null ? List.of() : out;
    }

    /** A value's extent kinds: the third element of the {start, end, kind} a value reader returns. */
    private static final int PLAIN = 0;
    private static final int QUOTED = 1;
    private static final int CONTAINER = 2;

    /** Whether the equals sign at {@code i} belongs to a comparison: {@code ==}, {@code !=}, {@code <=}, {@code >=}. */
    private static boolean comparison(String text, int i) {
        char before = text.charAt(i - 1);
        return before == '=' || before == '!' || before == '<' || before == '>'
                || i + 1 < text.length() && text.charAt(i + 1) == '=';
    }

    /**
     * Whether the colon at {@code i} is not one after a key: {@code ::} (a scope, an IPv6 address) or a URL's
     * {@code scheme://}.
     */
    private static boolean notAKeySign(String text, int i) {
        char before = text.charAt(i - 1);
        char after = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
        return before == ':' || after == ':' || after == '/';
    }

    /** The smaller of two positions, where -1 means none. */
    private static int first(int a, int b) {
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    private static @Nullable List<Span> add(@Nullable List<Span> out, CompiledRules r, MaskingRule rule, String text,
            int[] value) {
        if (value[1] - value[0] <= MAX_TOKEN && (value[2] == PLAIN || value[2] == QUOTED)
                && MaskingService.TOKEN.matcher(text).region(value[0], value[1]).matches()) {
            // A token is masked already: masking it again would hide which value it stands for.
            return out;
        }
        List<Span> list = out == null ? new ArrayList<>(2) : out;
        list.add(new Span(value[0], value[1], r.spanNumberOf(rule)));
        return list;
    }

    /**
     * The index of the quote {@code q} that closes a key opened just before {@code from}, or of the backslash before
     * it for a key of escaped JSON ({@code \"salary\"}); -1 when none closes within {@link #MAX_KEY} characters.
     */
    private static int keyEnd(String text, int from, char q) {
        int limit = Math.min(text.length(), from + MAX_KEY + 1);
        for (int j = from; j < limit; j++) {
            char c = text.charAt(j);
            if (c == q) {
                return j > from ? j : -1;
            }
            if (c == '\\') {
                return j > from && j + 1 < text.length() && text.charAt(j + 1) == q ? j : -1;
            }
        }
        return -1;
    }

    /**
     * Where a JSON value starting at {@code v} holds its text, as {start, end, kind}: inside its quotes, a number or
     * literal whole, or a list or object whole (brackets included).
     */
    private static int @Nullable [] jsonValue(String text, int v) {
        int n = text.length();
        if (v >= n) {
            return null;
        }
        char c = text.charAt(v);
        if (c == '"' || c == '\'') {
            return quoted(text, v, c);
        }
        if (c == '\\' && v + 1 < n && text.charAt(v + 1) == '"') {
            // A string of JSON escaped inside a JSON string: it ends at the next quote escaped once (\"), not at one
            // escaped inside it (\\\").
            int end = v + 2;
            while (end < n) {
                char e = text.charAt(end);
                if (e == '\\') {
                    int run = end;
                    while (run < n && text.charAt(run) == '\\') {
                        run++;
                    }
                    if (run < n && text.charAt(run) == '"' && run - end == 1) {
                        break;
                    }
                    end = run + 1;
                } else {
                    end++;
                }
            }
            return extent(v + 2, Math.min(end, n), QUOTED);
        }
        if (c == '{' || c == '[') {
            return extent(v, container(text, v), CONTAINER);
        }
        int end = v;
        while (end < n && ",}] \t\r\n\\\"'".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        return extent(v, end, PLAIN);
    }

    /**
     * Where a {@code key=value} value starting at {@code v} holds its text: quoted, bracketed or to a separator. A
     * multi-word value goes on over the next words while each starts with a letter or digit and is not itself a
     * {@code key=} or {@code key:}: {@code name=Bob Smith, role=admin} holds "Bob Smith".
     */
    private static int @Nullable [] plainValue(String text, int v, boolean multiWord) {
        int n = text.length();
        if (v < n && (text.charAt(v) == '"' || text.charAt(v) == '\'')) {
            return quoted(text, v, text.charAt(v));
        }
        if (v < n && (text.charAt(v) == '[' || text.charAt(v) == '{')) {
            return extent(v, container(text, v), CONTAINER);
        }
        int end = wordEnd(text, v);
        while (multiWord && end < n && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            int next = skipSpaces(text, end);
            if (next >= n || !Character.isLetterOrDigit(text.charAt(next))) {
                break;
            }
            int nextEnd = wordEnd(text, next);
            if (holdsKeySign(text, next, nextEnd)) {
                break;
            }
            end = nextEnd;
        }
        return extent(v, end, PLAIN);
    }

    /** The end of a plain value's word starting at {@code v}: a space, a separator or a closing bracket ends it. */
    private static int wordEnd(String text, int v) {
        int n = text.length();
        int end = v;
        while (end < n && " \t\r\n&,;\"'".indexOf(text.charAt(end)) < 0
                && !(")]}>".indexOf(text.charAt(end)) >= 0 && closesHere(text, end + 1))) {
            end++;
        }
        return end;
    }

    /** Whether a word holds an equals sign or a colon: it is the next key, not more of a value. */
    private static boolean holdsKeySign(String text, int from, int to) {
        for (int j = from; j < to; j++) {
            char c = text.charAt(j);
            if (c == '=' || c == ':') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a closing bracket just before {@code next} ends the value: it is followed by the end, a space, a
     * separator or another closing bracket. Employee[salary=91000] keeps its bracket; in {@code hunter)2} the bracket
     * is part of the value.
     */
    private static boolean closesHere(String text, int next) {
        return next >= text.length() || " \t\r\n&,;)]}>".indexOf(text.charAt(next)) >= 0;
    }

    /** The inside of the string quoted by {@code q} at {@code v}, backslash escapes skipped; to the end if unclosed. */
    private static int @Nullable [] quoted(String text, int v, char q) {
        int n = text.length();
        int end = v + 1;
        while (end < n && text.charAt(end) != q) {
            end += text.charAt(end) == '\\' ? 2 : 1;
        }
        return extent(v + 1, Math.min(end, n), QUOTED);
    }

    /**
     * The end of the list or object opening at {@code v} (after its closing bracket), strings inside skipped; the end
     * of the text when it does not close, so that nothing of it stays visible.
     */
    private static int container(String text, int v) {
        int depth = 0;
        int n = text.length();
        for (int i = v; i < n; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i++;
                while (i < n && text.charAt(i) != c) {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        return n;
    }

    private static int @Nullable [] extent(int start, int end, int kind) {
        return end > start ? new int[] {start, end, kind} : null;
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
