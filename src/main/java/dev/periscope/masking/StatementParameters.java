package dev.periscope.masking;

import dev.periscope.masking.ColumnValues.Found;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The parameters a statement with placeholders is logged with, on the same line, each masked by the field rule of
 * the column its placeholder stands for:
 * <ul>
 *   <li>after a word that names them: SQLAlchemy's {@code [SQL: ...] [parameters: {'email': ...}]} or
 *       {@code [parameters: ('a@b.io', 'Ann')]}, TypeORM's {@code -- PARAMETERS: [...]}, Drizzle's
 *       {@code -- params: [...]}, Sequelize 7's {@code ; with parameters [ ... ]}, Doctrine's
 *       {@code (parameters: {"1": ...})}, Laravel's {@code "bindings":[...]}, {@code Params: [...]};
 *   <li>before the statement: knex's debug object writes {@code bindings: [...]} ahead of {@code sql: '...'};
 *   <li>bare after the statement's semicolon, as Sequelize 5 and 6 write them:
 *       {@code Executing (default): INSERT ... VALUES ($1,$2); "a@b.io", "Ann"}.
 * </ul>
 * A placeholder ({@code ?}, {@code $1}, {@code %s}, {@code %(email)s}, {@code :email}, {@code @p0}) stands for a
 * column in a row of {@code (columns) VALUES (...)}, or for the column it is compared with or set to:
 * {@code SET first_name = ?}, {@code WHERE email = $1}, {@code lower(email) = ?}, {@code email IN (?, ?)}. A
 * placeholder with no column ({@code LIMIT ?}) or under a column no rule names leaves its parameter as it is. When the
 * placeholders and the parameters do not agree in number, all the parameters are masked by the first rule of a
 * placeholder's column: the safe side, as for column lists.
 */
final class StatementParameters {

    /** A word that introduces a statement's parameters, then the opening bracket of their list. */
    private static final Pattern MARK = Pattern.compile(
            "(?i)(?<![A-Za-z_])(?:param(?:eter)?s|bindings)[\"']?\\s{0,4}[:=]?\\s{0,4}[\\[({]");
    /** What a mark holds, one of which a text must hold to be read for marks: three {@code indexOf}s. */
    private static final List<String> MARK_PARTS = List.of("aram", "ARAM", "indings");
    /** How Sequelize begins the line of a statement it runs: {@code Executing (default): }. */
    private static final String EXECUTING = "Execut";
    /** Most placeholders read in one statement. */
    private static final int MAX_SLOTS = 4_096;
    /** How far back a comparison's column is looked for from its placeholder. */
    private static final int MAX_COMPARISON = 256;

    private StatementParameters() {
    }

    /** A placeholder: its number ({@code $2}, {@code :2}, {@code ?2}, else 0), its name, the rule of its column. */
    private record Slot(int number, @Nullable String name, @Nullable MaskingRule rule) {
    }

    /** A statement's placeholders in order, and where the last one ends. */
    private record Statement(List<Slot> slots, int end) {
    }

    /**
     * A parameter in a list: where its value is (inside its quotes), its key in a dict ({@code 'email'},
     * {@code "1"}), whether it was quoted, and whether it is a list or dict itself (a row of executemany).
     */
    private record Parameter(int start, int end, @Nullable String key, boolean quoted, boolean container) {
    }

    static void find(CompiledRules r, MaskingContext context, String text, Found found) {
        int from = firstMark(text);
        if (from >= 0) {
            Matcher mark = MARK.matcher(text);
            mark.region(from, text.length());
            int previous = 0;
            for (int lists = 0; lists < ColumnValues.MAX_LISTS && mark.find(); lists++) {
                int open = mark.end() - 1;
                int close = ColumnValues.listEnd(text, open);
                if (close < 0) {
                    continue;
                }
                // The statement starts on this line, after the list of the statement before it.
                int start = Math.max(previous, lineStart(text, mark.start()));
                Statement statement = statement(r, context, text, start, mark.start());
                if (statement.slots().isEmpty()) {
                    int lineEnd = lineEnd(text, close);
                    statement = statement(r, context, text, close, lineEnd < 0 ? close : lineEnd);
                }
                match(text, statement.slots(), parameters(text, open + 1, close - 1, text.charAt(open) == '{'),
                        found, true);
                mark.region(close, text.length());
                previous = close;
            }
        }
        int lists = 0;
        for (int at = text.indexOf(EXECUTING); at >= 0 && lists < ColumnValues.MAX_LISTS;
                at = text.indexOf(EXECUTING, at + EXECUTING.length())) {
            lists++;
            bareAfterSemicolon(r, context, text, at, found);
        }
    }

    /** Sequelize 5 and 6: {@code Executing (default): <statement>; "a@b.io", 42}, the values to the line's end. */
    private static void bareAfterSemicolon(CompiledRules r, MaskingContext context, String text, int at,
            Found found) {
        int words = at + EXECUTING.length();
        int sql = text.indexOf("): ", words, Math.min(text.length(), words + 64));
        if (!(text.startsWith("ing (", words) || text.startsWith("ed (", words)) || sql < 0) {
            return;
        }
        int lineEnd = lineEnd(text, sql);
        if (lineEnd < 0) {
            return; // longer than a list is read: left to the other rules
        }
        Statement statement = statement(r, context, text, sql + 3, lineEnd);
        int semicolon = statement.slots().isEmpty() ? -1 : text.indexOf("; ", statement.end(), lineEnd);
        // Only values follow: "; with parameters [...]" is Sequelize 7's, read by its mark.
        if (semicolon < 0 || !valueStart(text, semicolon + 2)) {
            return;
        }
        match(text, statement.slots(), parameters(text, semicolon + 2, lineEnd, false), found, true);
    }

    /** Whether a JSON value starts at {@code at}: a string, a number, a list, an object or a literal. */
    private static boolean valueStart(String text, int at) {
        if (at >= text.length()) {
            return false;
        }
        char c = text.charAt(at);
        return "\"-[{".indexOf(c) >= 0 || c >= '0' && c <= '9' || text.startsWith("null", at)
                || text.startsWith("true", at) || text.startsWith("false", at);
    }

    /** Where the first mark may start, or -1 when the text holds none. */
    private static int firstMark(String text) {
        int first = -1;
        for (String part : MARK_PARTS) {
            int at = text.indexOf(part);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first < 0 ? -1 : Math.max(0, first - 1);
    }

    /** The start of the line {@code at} is on, looked for at most a list's length back. */
    private static int lineStart(String text, int at) {
        int limit = Math.max(0, at - ColumnValues.MAX_LIST);
        int i = at;
        while (i > limit && text.charAt(i - 1) != '\n') {
            i--;
        }
        return i;
    }

    /** The end of the line {@code at} is on, or -1 when it is more than a list's length away. */
    private static int lineEnd(String text, int at) {
        int limit = Math.min(text.length(), at + ColumnValues.MAX_LIST);
        for (int i = at; i < limit; i++) {
            if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                return i;
            }
        }
        return limit == text.length() ? limit : -1;
    }

    /** The placeholders of the statement in {@code text[from, to)}, each with the rule of the column it is for. */
    private static Statement statement(CompiledRules r, MaskingContext context, String text, int from, int to) {
        List<Row> rows = rows(r, context, text, from, to);
        List<Slot> slots = new ArrayList<>(0);
        int end = from;
        int row = 0;
        int value = 0;
        // The column of the placeholder that ended at listAfter: in a list (IN (?, ?)) the next one is for it too.
        String listColumn = null;
        int listAfter = -1;
        for (int i = from; i < to && slots.size() < MAX_SLOTS; i++) {
            if ("?$%:@".indexOf(text.charAt(i)) < 0 || i > from && " \t(,=<>".indexOf(text.charAt(i - 1)) < 0) {
                continue;
            }
            int placeholderEnd = placeholderEnd(text, i, to);
            if (placeholderEnd < 0) {
                continue;
            }
            while (row < rows.size() && rows.get(row).close() <= i) {
                row++;
                value = 0;
            }
            String column = null;
            MaskingRule rule;
            if (row < rows.size() && rows.get(row).open() <= i) {
                Row current = rows.get(row);
                while (value < current.values().size() - 1 && current.values().get(value)[1] <= i) {
                    value++;
                }
                rule = current.ruleAt(r, context, value);
            } else {
                int before = lastNonBlank(text, i - 1, from);
                int in = before >= 0 && text.charAt(before) == '(' ? wordStart(text, before, from, "in") : -1;
                if (before >= 0 && text.charAt(before) == ',') {
                    column = lastNonBlank(text, before - 1, from) == listAfter - 1 ? listColumn : null;
                } else if (in >= 0) {
                    column = columnEndingAt(text, lastNonBlank(text, in - 1, from), from);
                } else {
                    column = comparedColumn(text, before, from);
                }
                listColumn = column;
                listAfter = placeholderEnd;
                rule = column == null ? null : ColumnValues.ruleFor(r, context, column);
            }
            slots.add(slot(text, i, placeholderEnd, rule));
            end = placeholderEnd;
            i = placeholderEnd - 1;
        }
        return new Statement(slots, end);
    }

    /**
     * A row of {@code (columns) VALUES (...)}: its brackets, its values, the columns they are for, and the first
     * rule of those columns.
     */
    private record Row(int open, int close, List<int[]> values, List<String> columns, @Nullable MaskingRule first) {

        /** The rule of the value at {@code index}'s column; when the counts differ, the first rule of any. */
        @Nullable MaskingRule ruleAt(CompiledRules r, MaskingContext context, int index) {
            return columns.size() == values.size() && index < columns.size()
                    ? ColumnValues.ruleFor(r, context, columns.get(index)) : first;
        }
    }

    /** The rows of the statement's {@code VALUES} lists, their first rule looked up once a list of columns. */
    private static List<Row> rows(CompiledRules r, MaskingContext context, String text, int from, int to) {
        List<Row> rows = new ArrayList<>(0);
        ColumnValues.valuesRows(text, from, to, ColumnValues.MAX_LISTS, columns -> true, (columns, open, close) -> {
            Row last = rows.isEmpty() ? null : rows.getLast();
            MaskingRule first = last != null && last.columns() == columns ? last.first()
                    : ColumnValues.firstRule(r, context, columns);
            rows.add(new Row(open, close, ColumnValues.values(text, open + 1, close - 1), columns, first));
        });
        return rows;
    }

    private static Slot slot(String text, int at, int end, @Nullable MaskingRule rule) {
        char sign = text.charAt(at);
        boolean printfName = sign == '%' && text.charAt(at + 1) == '(';
        String word = sign != '%' ? text.substring(at + 1, end) : printfName ? text.substring(at + 2, end - 2) : "";
        if (word.isEmpty()) {
            return new Slot(0, null, rule);
        }
        return Character.isDigit(word.charAt(0)) ? new Slot(Integer.parseInt(word), null, rule)
                : new Slot(0, word, rule);
    }

    /**
     * The end of the placeholder at {@code at}: {@code ?} or {@code ?1}, {@code $1} or {@code $name}, {@code %s} or
     * {@code %(name)s}, {@code :1} or {@code :name}, {@code @p0}; followed by a blank, a bracket, a separator, a
     * quote (the end of a quoted statement) or a cast ({@code $1::uuid}). -1 when none is there.
     */
    static int placeholderEnd(String text, int at, int limit) {
        char sign = text.charAt(at);
        int end;
        if (sign == '?') {
            end = digitsEnd(text, at + 1, limit, true);
        } else if (sign == '%') {
            end = printfEnd(text, at + 1, limit);
        } else if (sign == '$' || sign == ':') {
            int digits = digitsEnd(text, at + 1, limit, false);
            end = digits > 0 ? digits : wordEnd(text, at + 1, limit);
        } else if (sign == '@') {
            end = wordEnd(text, at + 1, limit);
        } else {
            return -1;
        }
        boolean ends = end >= 0 && (end == limit || " \t\r\n),;'\"]".indexOf(text.charAt(end)) >= 0
                || text.startsWith("::", end));
        return ends ? end : -1;
    }

    /**
     * Whether a placeholder that can stand for no value stands at {@code at}: {@code ?}, {@code %s},
     * {@code %(name)s}. {@code $1}, {@code :x} and {@code @x} can be values too ({@code salary=$500},
     * {@code user=@ann}).
     */
    static boolean anonymousPlaceholder(String text, int at) {
        return at < text.length() && (text.charAt(at) == '?' || text.charAt(at) == '%')
                && placeholderEnd(text, at, text.length()) > 0;
    }

    /** The end of {@code s}, {@code b}, {@code t} or {@code (name)s} after a percent sign, or -1. */
    private static int printfEnd(String text, int from, int limit) {
        int at = from;
        if (at < limit && text.charAt(at) == '(') {
            int name = wordEnd(text, at + 1, limit);
            if (name < 0 || name >= limit || text.charAt(name) != ')') {
                return -1;
            }
            at = name + 1;
        }
        return at < limit && "sbt".indexOf(text.charAt(at)) >= 0 ? at + 1 : -1;
    }

    /** The end of one to five digits from {@code from}; {@code from} itself when there are none and that is fine. */
    private static int digitsEnd(String text, int from, int limit, boolean optional) {
        int i = from;
        while (i < limit && i - from < 6 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i - from > 5 || i == from && !optional ? -1 : i;
    }

    /** The end of an identifier (a letter or {@code _}, then letters, digits, {@code _}) from {@code from}, or -1. */
    private static int wordEnd(String text, int from, int limit) {
        if (from >= limit || !(Character.isLetter(text.charAt(from)) || text.charAt(from) == '_')) {
            return -1;
        }
        int i = from + 1;
        while (i < limit && i - from <= EmbeddedFields.MAX_KEY
                && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        return i - from > EmbeddedFields.MAX_KEY ? -1 : i;
    }

    /** The index of the last character at or before {@code at}, not before {@code from}, that is no blank; or -1. */
    private static int lastNonBlank(String text, int at, int from) {
        int i = at;
        while (i >= from && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i--;
        }
        return i >= from ? i : -1;
    }

    /** Where the word {@code word} (in any case) starts when it ends right before the blanks before {@code at}. */
    private static int wordStart(String text, int at, int from, String word) {
        int end = lastNonBlank(text, at - 1, from) + 1;
        int start = end - word.length();
        boolean found = start >= from && text.regionMatches(true, start, word, 0, word.length())
                && (start == from || !identifierPart(text.charAt(start - 1)));
        return found ? start : -1;
    }

    /**
     * The column a placeholder is compared with or set to, {@code before} being the last character ahead of it:
     * {@code col = ?}, {@code col <> ?}, {@code col >= ?}, {@code col LIKE ?}, {@code lower(col) = lower(?)}.
     */
    private static @Nullable String comparedColumn(String text, int before, int from) {
        int floor = Math.max(from, before - MAX_COMPARISON);
        int j = before;
        if (j >= floor && text.charAt(j) == '(') {
            // a function around the placeholder: lower(?)
            j = lastNonBlank(text, j - 1, floor);
            while (j >= floor && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
                j--;
            }
            j = lastNonBlank(text, j, floor);
        }
        if (j < floor) {
            return null;
        }
        if ("=<>".indexOf(text.charAt(j)) >= 0) {
            while (j >= floor && "=<>!".indexOf(text.charAt(j)) >= 0) {
                j--;
            }
        } else {
            int like = Math.max(wordStart(text, j + 1, floor, "like"), wordStart(text, j + 1, floor, "ilike"));
            if (like < 0) {
                return null;
            }
            j = like - 1;
        }
        return columnEndingAt(text, lastNonBlank(text, j, floor), floor);
    }

    /**
     * The column whose name ends at {@code at}: the last part of {@code users.email}, {@code "User"."email"} or
     * {@code [dbo].[Email]}, or the one inside a function ({@code lower(email)}).
     */
    private static @Nullable String columnEndingAt(String text, int at, int from) {
        int end = at;
        if (end >= from && text.charAt(end) == ')') {
            end = lastNonBlank(text, end - 1, from);
        }
        int start = end;
        while (start >= from && end - start <= EmbeddedFields.MAX_KEY && identifierPart(text.charAt(start))) {
            start--;
        }
        if (end < from || start == end) {
            return null;
        }
        String name = text.substring(start + 1, end + 1);
        // A qualified name's last part: the quotes around parts hold no dots in practice.
        String column = name.substring(name.lastIndexOf('.') + 1);
        return column.isEmpty() || Character.isDigit(column.charAt(0)) ? null : column;
    }

    private static boolean identifierPart(char c) {
        return Character.isLetterOrDigit(c) || "_.\"`[]".indexOf(c) >= 0;
    }

    /**
     * The parameters in {@code text[from, to)}, split at the commas outside quotes and brackets; each a dict's
     * {@code key: value} when {@code dict} and every entry has a key.
     */
    private static List<Parameter> parameters(String text, int from, int to, boolean dict) {
        List<Parameter> out = new ArrayList<>();
        int depth = 0;
        int start = from;
        boolean valueStart = true;
        for (int i = from; i <= to; i++) {
            char c = i < to ? text.charAt(i) : ',';
            if ((c == '\'' || c == '"') && valueStart) {
                // Only where a value or key starts: an apostrophe inside one (O'Brien) is a letter. A quote that
                // does not close runs to the end, which is then read as the last parameter.
                i = Math.min(ColumnValues.closingQuote(text, i, to), to - 1);
            } else if ("([{".indexOf(c) >= 0) {
                depth++;
            } else if (")]}".indexOf(c) >= 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(parameter(text, start, i, dict));
                start = i + 1;
            }
            valueStart = ",:=([{ \t".indexOf(c) >= 0;
        }
        if (dict && out.stream().anyMatch(p -> p.key() == null)) {
            return parameters(text, from, to, false);
        }
        return out;
    }

    private static Parameter parameter(String text, int from, int to, boolean dict) {
        int s = EmbeddedFields.skipSpaces(text, from);
        String key = null;
        if (dict) {
            int keyEnd = s < to && (text.charAt(s) == '\'' || text.charAt(s) == '"')
                    ? ColumnValues.closingQuote(text, s, to) + 1 : wordEnd(text, s, to);
            int sign = keyEnd < 0 ? to : EmbeddedFields.skipSpaces(text, keyEnd);
            if (sign < to && (text.charAt(sign) == ':' || text.charAt(sign) == '=')) {
                key = text.substring(s, keyEnd);
                if (key.length() >= 2 && (key.charAt(0) == '\'' || key.charAt(0) == '"')) {
                    key = key.substring(1, key.length() - 1);
                }
                s = EmbeddedFields.skipSpaces(text, text.startsWith("=>", sign) ? sign + 2 : sign + 1);
            }
        }
        int[] value = ColumnValues.unquoted(text, s, to);
        if (value == null) {
            return new Parameter(s, s, key, false, false);
        }
        boolean quoted = value[0] > s && (text.charAt(value[0] - 1) == '\'' || text.charAt(value[0] - 1) == '"');
        return new Parameter(value[0], value[1], key, quoted, !quoted && "([{".indexOf(text.charAt(value[0])) >= 0);
    }

    /**
     * Masks each parameter by its placeholder's rule: by number, by name in a dict, else in order; a list of rows
     * (executemany) row by row. When they do not agree in number, the parameters are masked whole.
     */
    private static void match(String text, List<Slot> slots, List<Parameter> parameters, Found found,
            boolean rows) {
        MaskingRule first = null;
        for (int i = 0; i < slots.size() && first == null; i++) {
            first = slots.get(i).rule();
        }
        if (first == null || parameters.isEmpty()) {
            return;
        }
        List<Parameter> positional = parameters.getFirst().key() == null ? parameters : byPosition(parameters);
        if (positional == null) {
            if (!byName(text, slots, parameters, found)) {
                found.value(first, parameters.getFirst().start(), parameters.getLast().end());
            }
            return;
        }
        if (rows && !positional.isEmpty() && positional.stream().allMatch(Parameter::container)) {
            // executemany: a list of rows, each the statement's parameters
            for (Parameter row : positional) {
                match(text, slots, parameters(text, row.start() + 1, row.end() - 1, text.charAt(row.start()) == '{'),
                        found, false);
            }
            return;
        }
        boolean numbered = slots.stream().anyMatch(s -> s.number() > 0);
        int expected = numbered ? slots.stream().mapToInt(Slot::number).max().orElse(0) : slots.size();
        if (expected == positional.size()) {
            int next = 0;
            for (Slot slot : slots) {
                if (numbered && slot.number() == 0) {
                    continue; // beside $1 and $2, a ? is an operator (jsonb's), not a placeholder
                }
                Parameter p = positional.get(numbered ? slot.number() - 1 : next++);
                if (slot.rule() != null) {
                    mask(text, slot.rule(), p, found);
                }
            }
        } else {
            found.value(first, parameters.getFirst().start(), parameters.getLast().end());
        }
    }

    /**
     * A dict keyed by position ({@code {"1": "a@b.io", "2": "Ann"}}, as Doctrine logs them) in order of its keys,
     * counted from 1 unless a key is 0; empty when the keys are numbers but no run of positions; null when they are
     * names.
     */
    private static @Nullable List<Parameter> byPosition(List<Parameter> parameters) {
        boolean fromZero = false;
        for (Parameter p : parameters) {
            String key = p.key();
            if (key == null || key.isEmpty() || key.length() > 5 || !key.chars().allMatch(Character::isDigit)) {
                return null;
            }
            fromZero |= Integer.parseInt(key) == 0;
        }
        Parameter[] ordered = new Parameter[parameters.size()];
        for (Parameter p : parameters) {
            int at = Integer.parseInt(p.key()) - (fromZero ? 0 : 1);
            if (at < 0 || at >= ordered.length || ordered[at] != null) {
                return List.of();
            }
            ordered[at] = p;
        }
        return List.of(ordered);
    }

    /** Masks the parameters of a dict by the names of the placeholders; false when a placeholder has no name. */
    private static boolean byName(String text, List<Slot> slots, List<Parameter> parameters, Found found) {
        Map<String, Parameter> byKey = new HashMap<>();
        for (Parameter p : parameters) {
            byKey.putIfAbsent(p.key(), p);
        }
        for (Slot slot : slots) {
            if (slot.rule() != null && slot.name() == null) {
                return false;
            }
        }
        for (Slot slot : slots) {
            Parameter p = slot.rule() == null ? null : byKey.get(slot.name());
            if (p != null) {
                mask(text, slot.rule(), p, found);
            }
        }
        return true;
    }

    /** No value: what a driver prints for a null, unquoted. */
    private static final List<String> NO_VALUE = List.of("None", "null", "NULL", "nil", "undefined");

    private static void mask(String text, MaskingRule rule, Parameter p, Found found) {
        if (p.end() > p.start() && !(!p.quoted() && NO_VALUE.contains(text.substring(p.start(), p.end())))) {
            found.value(rule, p.start(), p.end());
        }
    }
}
