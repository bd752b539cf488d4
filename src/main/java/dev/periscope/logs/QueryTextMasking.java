package dev.periscope.logs;

import dev.periscope.logs.query.LogFields;
import dev.periscope.masking.MaskedText;
import dev.periscope.masking.Masker;
import dev.periscope.masking.MaskingContext;
import dev.periscope.masking.MaskingService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Masks the text of a query for the audit trail and the query history. The content rules run over the whole text,
 * as over any free text; before that, a value written after a field name ({@code password:hunter2},
 * {@code user.email:[a TO b]}, {@code api_key:a*}) is masked as a value of that field, so that a field masked by its
 * name is masked in the query too, whatever its value looks like. The query need not parse: a refused query is
 * recorded as well, and an unclosed quote, range or group is masked to the end of the text.
 */
final class QueryTextMasking {

    /** Characters that end a term in Lucene query syntax, unless escaped; {@code -} and {@code +} only start none. */
    private static final String TERM_ENDS = "!():^<>=[]\"{}~/";

    private QueryTextMasking() {
    }

    static String mask(Masker masker, String query) {
        MaskingContext strict = MaskingContext.strict("");
        StringBuilder out = new StringBuilder(query.length());
        int copied = 0;
        for (FieldValue value : fieldValues(query)) {
            if (value.start() < copied) {
                continue; // inside a group already masked whole
            }
            String masked = maskedByName(masker, strict, value, query);
            if (masked != null) {
                out.append(query, copied, value.start()).append(masked);
                copied = value.end();
            }
        }
        out.append(query, copied, query.length());
        return masker.mask(strict, out.toString()).text();
    }

    /** The value masked by the rule for its field's name, or null when no such rule applies (or it is a token). */
    private static String maskedByName(Masker masker, MaskingContext strict, FieldValue value, String query) {
        String field = LogFields.canonical(value.field()).orElse("");
        if (field.isEmpty() || LogFields.isCore(field)) {
            return null;
        }
        boolean quoted = query.charAt(value.start()) == '"';
        int innerEnd = quoted && value.end() - value.start() >= 2 && query.charAt(value.end() - 1) == '"'
                ? value.end() - 1 : value.end();
        String inner = query.substring(quoted ? value.start() + 1 : value.start(), innerEnd);
        List<String> tokens = MaskingService.tokensIn(inner);
        if (tokens.size() == 1 && tokens.getFirst().equals(inner.strip())) {
            return null;
        }
        MaskedText byName = masker.mask(strict, Map.of(field, inner)).asMap().get(field);
        if (byName == null) {
            return "[withheld]";
        }
        // A field without a rule by name is masked by content, as the whole text is below: leave it to that pass.
        if (byName.text().equals(masker.mask(strict, inner).text())) {
            return null;
        }
        if (quoted) {
            return "\"" + byName.text() + query.substring(innerEnd, value.end());
        }
        // A token is quoted, as a query must quote it, so that the remembered query runs again.
        return MaskingService.TOKEN.matcher(byName.text()).matches() ? "\"" + byName.text() + "\"" : byName.text();
    }

    /** A value after {@code field:}, from {@code start} (inclusive) to {@code end} (exclusive) of the query. */
    record FieldValue(String field, int start, int end) {
    }

    /** Every {@code field:value} of the query, field names unescaped, as Lucene's query syntax reads them. */
    static List<FieldValue> fieldValues(String q) {
        List<FieldValue> values = new ArrayList<>();
        int n = q.length();
        int i = 0;
        while (i < n) {
            char c = q.charAt(i);
            if (c == '"' || c == '/' || c == '[' || c == '{') {
                i = endOfValue(q, i);
                continue;
            }
            if (!startsTerm(c)) {
                i++;
                continue;
            }
            StringBuilder name = new StringBuilder();
            int j = i;
            while (j < n && (inTerm(q.charAt(j)))) {
                if (q.charAt(j) == '\\' && j + 1 < n) {
                    j++;
                }
                name.append(q.charAt(j));
                j++;
            }
            int colon = skipSpaces(q, j);
            if (colon >= n || q.charAt(colon) != ':') {
                i = Math.max(j, i + 1);
                continue;
            }
            int start = skipSpaces(q, colon + 1);
            int end = endOfValue(q, start);
            if (end > start) {
                values.add(new FieldValue(name.toString(), start, end));
            }
            // A group is masked whole when its field is masked by name; else the fields inside it are looked at.
            i = start < n && q.charAt(start) == '(' ? start + 1 : Math.max(end, colon + 1);
        }
        return values;
    }

    private static boolean startsTerm(char c) {
        return !Character.isWhitespace(c) && c != '-' && c != '+' && c != ':' && TERM_ENDS.indexOf(c) < 0;
    }

    private static boolean inTerm(char c) {
        return !Character.isWhitespace(c) && c != ':' && TERM_ENDS.indexOf(c) < 0;
    }

    private static int skipSpaces(String q, int i) {
        while (i < q.length() && Character.isWhitespace(q.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Where the value that starts at {@code i} ends: a quoted text, regular expression, range, group or term. */
    private static int endOfValue(String q, int i) {
        int n = q.length();
        if (i >= n) {
            return n;
        }
        char c = q.charAt(i);
        return switch (c) {
            case '"' -> closing(q, i + 1, '"');
            case '/' -> closing(q, i + 1, '/');
            case '[', '{' -> endOfRange(q, i + 1);
            case '(' -> endOfGroup(q, i + 1);
            default -> {
                Matcher token = MaskingService.TOKEN.matcher(q).region(i, n);
                if (token.lookingAt()) {
                    yield token.end();
                }
                int j = i;
                while (j < n && (inTerm(q.charAt(j)) || q.charAt(j) == '\\')) {
                    j += q.charAt(j) == '\\' ? 2 : 1;
                }
                yield Math.min(j, n);
            }
        };
    }

    /** Just past the first unescaped {@code close} from {@code i}; the end of the text when there is none. */
    private static int closing(String q, int i, char close) {
        for (int j = i; j < q.length(); j++) {
            char c = q.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == close) {
                return j + 1;
            }
        }
        return q.length();
    }

    private static int endOfRange(String q, int i) {
        for (int j = i; j < q.length(); j++) {
            char c = q.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '"') {
                j = closing(q, j + 1, '"') - 1;
            } else if (c == ']' || c == '}') {
                return j + 1;
            }
        }
        return q.length();
    }

    private static int endOfGroup(String q, int i) {
        int depth = 1;
        for (int j = i; j < q.length(); j++) {
            char c = q.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '"' || c == '/') {
                j = closing(q, j + 1, c) - 1;
            } else if (c == '[' || c == '{') {
                j = endOfRange(q, j + 1) - 1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return j + 1;
            }
        }
        return q.length();
    }
}
