package dev.periscope.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Values that a database message lists apart from the names of their columns, matched to them by position:
 * <ul>
 *   <li>PostgreSQL's {@code Key (first_name, date_of_birth)=(José, 1984-03-12) already exists};
 *   <li>{@code INSERT INTO users (email, password) VALUES ('noah@example.org', 'Winter2026!')}, one or more rows;
 *   <li>Rails' bind list {@code [["email", "f.b@x.it"], ["encrypted_password", "$2a$12$..."]]};
 *   <li>JSON lists of name/value pairs: OpenTelemetry attributes {@code {"key":"db.password","value":{...}}},
 *       Kubernetes env lists and user attributes {@code {"name":"birthdate","value":"..."}};
 *   <li>XML elements that hold text: {@code <firstName>Bob</firstName>}, {@code <ns:ssn>...</ns:ssn>}.
 * </ul>
 * A column that a field rule names gets its value masked by that rule, as the same key would in {@code key=value}.
 * When the counts do not agree (a value with a comma in it), every value is masked by the first column's rule that
 * has one: the safe side.
 */
final class ColumnValues {

    /** Where a value was found for a column a field rule names. */
    interface Found {
        void value(MaskingRule rule, int start, int end);
    }

    /** Longest list read; a longer one is left to the other rules. */
    static final int MAX_LIST = 8_192;

    private ColumnValues() {
    }

    /**
     * Finds the values of all kinds. Each kind is looked for only from where its mark first appears (a closing
     * bracket, {@code [["}, a value member, a closing tag, a word for a statement's parameters): most texts have
     * none, and cost a few {@code indexOf}s.
     */
    static void find(CompiledRules r, MaskingContext context, String text, Found found) {
        int paren = text.indexOf(')');
        if (paren >= 0) {
            columnLists(r, context, text, paren, found);
        }
        int bind = text.indexOf("[[\"");
        if (bind >= 0) {
            bindPairs(r, context, text, bind, found);
        }
        int value = text.indexOf("alue\"");
        if (value >= 0) {
            namedValues(r, context, text, found);
        }
        int close = text.indexOf("</");
        if (close >= 0) {
            xmlElements(r, context, text, close, found);
        }
        StatementParameters.find(r, context, text, found);
    }

    /**
     * {@code Key (a, b)=(x, y)} and {@code INSERT INTO t (a, b) VALUES (x, y), ...}, from the first {@code )}. The
     * values are read only when a column has a rule, and at most {@link #MAX_LISTS} lists a text: a line of
     * thousands of {@code )=(} costs no more than a few lists.
     */
    private static void columnLists(CompiledRules r, MaskingContext context, String text, int paren, Found found) {
        int lists = 0;
        for (int at = text.indexOf(")=(", paren); at >= 0 && lists < MAX_LISTS; at = text.indexOf(")=(", at + 3)) {
            lists++;
            int open = text.lastIndexOf('(', at);
            List<String> columns = open < 0 ? List.of() : columns(text, open + 1, at);
            if (anyRule(r, context, columns)) {
                int close = keyListEnd(text, at + 2);
                if (close > 0) {
                    match(r, context, text, columns, values(text, at + 3, close - 1), found);
                }
            }
        }
        valuesRows(text, paren, text.length(), MAX_LISTS - lists, columns -> anyRule(r, context, columns),
                (columns, open, close) -> match(r, context, text, columns, values(text, open + 1, close - 1), found));
    }

    /** A row of values of {@code INSERT ... (columns) VALUES (row), ...}: its brackets, and the columns it is for. */
    interface Row {
        void found(List<String> columns, int open, int close);
    }

    /**
     * The rows of the {@code (columns) VALUES (row), (row)} lists in {@code text[from, to)}, at most {@code lists}
     * lists, the rows of those whose columns are {@code wanted}.
     */
    static void valuesRows(String text, int from, int to, int lists, Predicate<List<String>> wanted, Row found) {
        // Most texts with a bracket hold no VALUES: a search for the word, a few characters at a time, spares them
        // the regular expression's try at every position after the first bracket.
        int word = indexOfIgnoreCase(text, "values", from, to);
        if (word < 0) {
            return;
        }
        Matcher values = VALUES.matcher(text);
        values.region(Math.max(from, word - 1 - MAX_VALUES_SPACES), to);
        for (int read = 0; read < lists && values.find(); read++) {
            int open = text.lastIndexOf('(', values.start());
            List<String> columns = open < 0 ? List.of() : columns(text, open + 1, values.start());
            if (!wanted.test(columns)) {
                continue;
            }
            int row = values.end() - 1;
            while (row < to && text.charAt(row) == '(') {
                int close = listEnd(text, row);
                if (close < 0 || close > to) {
                    break;
                }
                found.found(columns, row, close);
                row = skipSpaces(text, close);
                row = row < to && text.charAt(row) == ',' ? skipSpaces(text, row + 1) : to;
            }
        }
    }

    /** How many XML elements and JSON name members a text gets read for: their reading is bounded each. */
    private static final int MAX_ELEMENTS = 4_096;
    /** How many lists of each kind a text gets read for. */
    static final int MAX_LISTS = 64;
    /** {@code ) VALUES (} in any case and spacing. */
    private static final Pattern VALUES = Pattern.compile("\\)\\s{0,8}(?i:values)\\s{0,8}\\(");
    /** The most spaces {@link #VALUES} allows between the bracket and the word. */
    private static final int MAX_VALUES_SPACES = 8;

    /** The first index in {@code text[from, to)} where {@code word} (lower case) starts in any case, or -1. */
    static int indexOfIgnoreCase(String text, String word, int from, int to) {
        char lower = word.charAt(0);
        char upper = Character.toUpperCase(lower);
        int last = to - word.length();
        int l = text.indexOf(lower, from);
        int u = text.indexOf(upper, from);
        while (l >= 0 || u >= 0) {
            int at = l < 0 ? u : u < 0 ? l : Math.min(l, u);
            if (at > last) {
                return -1;
            }
            if (text.regionMatches(true, at, word, 0, word.length())) {
                return at;
            }
            if (at == l) {
                l = text.indexOf(lower, at + 1);
            } else {
                u = text.indexOf(upper, at + 1);
            }
        }
        return -1;
    }

    private static boolean anyRule(CompiledRules r, MaskingContext context, List<String> columns) {
        return firstRule(r, context, columns) != null;
    }

    /** The rule of the first column that has one, or null. */
    static @Nullable MaskingRule firstRule(CompiledRules r, MaskingContext context, List<String> columns) {
        for (String column : columns) {
            MaskingRule rule = ruleFor(r, context, column);
            if (rule != null) {
                return rule;
            }
        }
        return null;
    }

    /**
     * The end of PostgreSQL's value list, which quotes nothing: the {@code )} before {@code already exists}, a blank,
     * a full stop or the line's end, so that a bracket inside a value ({@code p4ss)w(rd}) does not end it early.
     */
    private static int keyListEnd(String text, int open) {
        int limit = Math.min(text.length(), open + MAX_LIST);
        for (int i = text.indexOf(')', open); i >= 0 && i < limit; i = text.indexOf(')', i + 1)) {
            if (i + 1 == text.length() || " .,;\n".indexOf(text.charAt(i + 1)) >= 0) {
                return i + 1;
            }
        }
        return -1;
    }

    /** {@code <firstName>Bob</firstName>}: the text of an element that holds no other element, by its local name. */
    private static void xmlElements(CompiledRules r, MaskingContext context, String text, int from, Found found) {
        int elements = 0;
        for (int close = from; close >= 0 && elements++ < MAX_ELEMENTS; close = text.indexOf("</", close + 2)) {
            int nameEnd = text.indexOf('>', close + 2);
            if (nameEnd < 0 || nameEnd - close - 2 > EmbeddedFields.MAX_KEY) {
                continue;
            }
            String name = text.substring(close + 2, nameEnd);
            // The element's text starts after the last tag before the closing one; it must be this element's own.
            int open = text.lastIndexOf('<', close - 1);
            int textStart = open < 0 ? -1 : text.indexOf('>', open) + 1;
            if (textStart <= 0 || textStart > close || !opens(text, open + 1, name)) {
                continue;
            }
            int colon = name.lastIndexOf(':');
            MaskingRule rule = ruleFor(r, context, colon < 0 ? name : name.substring(colon + 1));
            int[] value = rule == null ? null : unquoted(text, textStart, close);
            if (value != null) {
                found.value(rule, value[0], value[1]);
            }
        }
    }

    /** Whether the tag at {@code at} opens the element {@code name}: the name, then {@code >}, a blank or a slash. */
    private static boolean opens(String text, int at, String name) {
        int end = at + name.length();
        return !name.isEmpty() && text.startsWith(name, at) && end < text.length()
                && (text.charAt(end) == '>' || text.charAt(end) == ' ');
    }

    /** Members that name the value beside them in a list of name/value pairs. */
    private static final List<String> NAME_MEMBERS = List.of("\"key\"", "\"name\"", "\"Key\"", "\"Name\"");
    /** Members that hold the value a name member names. */
    private static final List<String> VALUE_MEMBERS = List.of("\"value\"", "\"Value\"");

    /** {@code {"key": "db.password", "value": ...}}: the value member right after a name member, by that name. */
    private static void namedValues(CompiledRules r, MaskingContext context, String text, Found found) {
        int pairs = 0;
        for (String member : NAME_MEMBERS) {
            for (int at = text.indexOf(member); at >= 0 && pairs++ < MAX_ELEMENTS;
                    at = text.indexOf(member, at + member.length())) {
                int nameStart = EmbeddedFields.skipSpaces(text, at + member.length());
                if (nameStart >= text.length() || text.charAt(nameStart) != ':') {
                    continue;
                }
                nameStart = EmbeddedFields.skipSpaces(text, nameStart + 1);
                if (nameStart >= text.length() || text.charAt(nameStart) != '"') {
                    continue;
                }
                int nameEnd = text.indexOf('"', nameStart + 1);
                if (nameEnd < 0 || nameEnd - nameStart > EmbeddedFields.MAX_KEY) {
                    continue;
                }
                int next = EmbeddedFields.skipSpaces(text, nameEnd + 1);
                if (next >= text.length() || text.charAt(next) != ',') {
                    continue;
                }
                next = EmbeddedFields.skipSpaces(text, next + 1);
                String valueMember = null;
                for (String v : VALUE_MEMBERS) {
                    if (text.startsWith(v, next)) {
                        valueMember = v;
                    }
                }
                if (valueMember == null) {
                    continue;
                }
                int colon = EmbeddedFields.skipSpaces(text, next + valueMember.length());
                if (colon >= text.length() || text.charAt(colon) != ':') {
                    continue;
                }
                MaskingRule rule = ruleFor(r, context, text.substring(nameStart + 1, nameEnd));
                int[] value = rule == null ? null
                        : EmbeddedFields.jsonValue(text, EmbeddedFields.skipSpaces(text, colon + 1));
                if (value != null) {
                    int[] inner = typedValue(text, value[0], value[1]);
                    found.value(rule, inner[0], inner[1]);
                }
            }
        }
    }

    /**
     * The value inside OpenTelemetry's typed wrapper ({@code {"stringValue":"Emily Clarke"}}), so that it gets the
     * token the same value gets elsewhere; the span as it is when it is no such wrapper.
     */
    private static int[] typedValue(String text, int start, int end) {
        if (text.charAt(start) != '{') {
            return new int[] {start, end};
        }
        int key = EmbeddedFields.skipSpaces(text, start + 1);
        int keyEnd = key < end && text.charAt(key) == '"' ? text.indexOf('"', key + 1) : -1;
        if (keyEnd < 0 || keyEnd >= end || !text.startsWith("Value", keyEnd - 5)) {
            return new int[] {start, end};
        }
        int colon = EmbeddedFields.skipSpaces(text, keyEnd + 1);
        int[] inner = colon < end && text.charAt(colon) == ':'
                ? EmbeddedFields.jsonValue(text, EmbeddedFields.skipSpaces(text, colon + 1)) : null;
        // After a string its closing quote, after a number or literal nothing, then the wrapper's own brace.
        int after = inner == null ? end
                : EmbeddedFields.skipSpaces(text, text.charAt(inner[1]) == '"' ? inner[1] + 1 : inner[1]);
        if (inner == null || after != end - 1) {
            return new int[] {start, end};
        }
        return new int[] {inner[0], inner[1]};
    }

    private static void match(CompiledRules r, MaskingContext context, String text, List<String> columns,
            List<int[]> values, Found found) {
        if (columns.isEmpty() || values.isEmpty()) {
            return;
        }
        MaskingRule anyRule = null;
        for (int i = 0; i < columns.size(); i++) {
            MaskingRule rule = ruleFor(r, context, columns.get(i));
            if (rule == null) {
                continue;
            }
            if (columns.size() == values.size()) {
                int[] value = values.get(i);
                if (!parameter(text, value[0], value[1])) {
                    found.value(rule, value[0], value[1]);
                }
            } else if (anyRule == null) {
                anyRule = rule;
            }
        }
        if (anyRule != null) {
            found.value(anyRule, values.getFirst()[0], values.getLast()[1]);
        }
    }

    /**
     * Whether a value is where a statement takes one, not a value: {@code $1}, {@code ?}, {@code %s},
     * {@code %(email)s}, {@code :email}, {@code @p0}, {@code NULL}, {@code DEFAULT}.
     */
    private static boolean parameter(String text, int start, int end) {
        if (start > 0 && (text.charAt(start - 1) == '\'' || text.charAt(start - 1) == '"')) {
            return false; // quoted: a literal, even '$ecret123'
        }
        String v = text.substring(start, end);
        if (v.equalsIgnoreCase("null") || v.equalsIgnoreCase("default") || v.equals("nil")) {
            return true;
        }
        int placeholder = StatementParameters.placeholderEnd(text, start, end);
        return placeholder == end || placeholder > start && text.startsWith("::", placeholder);
    }

    /** Rails' {@code [["column", value], ...]}: each pair's value by the column's name. */
    private static void bindPairs(CompiledRules r, MaskingContext context, String text, int from, Found found) {
        int pairs = 0;
        for (int at = text.indexOf("[\"", from); at >= 0 && pairs < MAX_LISTS; at = text.indexOf("[\"", at + 2)) {
            int nameEnd = text.indexOf('"', at + 2);
            if (nameEnd < 0 || nameEnd - at > EmbeddedFields.MAX_KEY || !text.startsWith(",", nameEnd + 1)) {
                continue;
            }
            pairs++;
            MaskingRule rule = ruleFor(r, context, text.substring(at + 2, nameEnd));
            int close = rule == null ? -1 : listEnd(text, at);
            int[] value = close < 0 ? null : unquoted(text, nameEnd + 2, close - 1);
            if (value != null && !parameter(text, value[0], value[1])) {
                found.value(rule, value[0], value[1]);
            }
        }
    }

    static @Nullable MaskingRule ruleFor(CompiledRules r, MaskingContext context, String column) {
        String name = column.strip();
        if (name.length() >= 2 && "\"`'[".indexOf(name.charAt(0)) >= 0) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.isEmpty() || name.length() > EmbeddedFields.MAX_KEY || !r.fieldKeys.mayMatch(name, 0, name.length())) {
            return null;
        }
        return r.fieldRuleFor(context, name);
    }

    /** The column names between {@code from} and {@code to}: words separated by commas, or nothing. */
    static List<String> columns(String text, int from, int to) {
        if (to - from > MAX_LIST || to <= from) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String part : text.substring(from, to).split(",", -1)) {
            String name = part.strip();
            if (name.isEmpty() || name.length() > EmbeddedFields.MAX_KEY || name.indexOf(' ') >= 0) {
                return List.of(); // prose in brackets, not a column list
            }
            names.add(name);
        }
        return names;
    }

    /** The values of a list between {@code from} and {@code to}, split at commas outside quotes, quotes left out. */
    static List<int[]> values(String text, int from, int to) {
        if (to - from > MAX_LIST || to < from) {
            return List.of();
        }
        List<int[]> out = new ArrayList<>();
        int start = from;
        for (int i = from; i <= to; i++) {
            char c = i < to ? text.charAt(i) : ',';
            if ((c == '\'' || c == '"') && text.substring(start, i).isBlank()) {
                // Only at a value's start: an apostrophe inside one (O'Brien) is a letter.
                i = closingQuote(text, i, to);
            } else if (c == ',') {
                int[] value = unquoted(text, start, i);
                if (value != null) {
                    out.add(value);
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** {@code text[from, to)} without the blanks around it and the quotes of a quoted value; null when empty. */
    static int @Nullable [] unquoted(String text, int from, int to) {
        int s = from;
        int e = to;
        while (s < e && text.charAt(s) == ' ') {
            s++;
        }
        while (e > s && text.charAt(e - 1) == ' ') {
            e--;
        }
        if (e - s >= 2 && (text.charAt(s) == '\'' || text.charAt(s) == '"') && text.charAt(e - 1) == text.charAt(s)) {
            s++;
            e--;
        }
        return e > s ? new int[] {s, e} : null;
    }

    /** The index of the quote closing the one at {@code q} (doubled or backslashed quotes skipped), or {@code to}. */
    static int closingQuote(String text, int q, int to) {
        char quote = text.charAt(q);
        for (int i = q + 1; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                if (i + 1 < to && text.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return to;
    }

    /**
     * The index after the bracket that closes the one at {@code open} (round, square or curly), quotes that open a
     * value or a key skipped; -1 when it does not close.
     */
    static int listEnd(String text, int open) {
        int depth = 0;
        int limit = Math.min(text.length(), open + MAX_LIST);
        for (int i = open; i < limit; i++) {
            char c = text.charAt(i);
            if ((c == '\'' || c == '"') && "([{, :=".indexOf(text.charAt(i - 1)) >= 0) {
                i = closingQuote(text, i, limit);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (--depth == 0) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
