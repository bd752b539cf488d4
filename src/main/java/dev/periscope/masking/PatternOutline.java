package dev.periscope.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.jspecify.annotations.Nullable;

/**
 * The outline of a rule's pattern: the same pattern with everything that does not consume characters removed
 * (lookarounds, {@code \b}, anchors) and lazy or possessive quantifiers made plain, compiled to a deterministic
 * automaton of {@code .*(outline).*}. Every match of the pattern inside a region is a match of the outline there, so a
 * region the outline automaton rejects cannot hold a match: a table walk, one lookup per character, instead of a
 * {@code java.util.regex} search that tries the whole pattern at every start position.
 *
 * <p>The translation only widens: case-insensitive letters accept both cases, negated classes stay as written,
 * {@code .} accepts line breaks. Syntax it does not know (back-references, Unicode properties, nested classes, inline
 * flags other than a leading {@code (?i)}) gives no outline, and the rule simply runs without one. The equivalence
 * test against the reference engine is the judge that the outline is a necessary condition.
 */
final class PatternOutline {

    /** Outlines of longer patterns can take more work to determinize than the ones of hand-written gates. */
    private static final int MAX_DETERMINIZE_WORK = 500;

    private static final String WORD = "0-9A-Za-z_";
    private static final String SPACE = " \t\n\u000B\f\r";

    private PatternOutline() {
    }

    /** The outline of {@code pattern} as a gate, or null when it cannot be built. */
    static @Nullable RegionGate of(Pattern pattern) {
        CharacterRunAutomaton dfa = dfa(pattern, true, ".*(", ").*");
        return dfa == null ? null : new RegionGate(pattern, dfa);
    }

    /**
     * The DFA of {@code before + outline + after}: small counts as written first and, when that automaton is too
     * large, every count widened. Null when the pattern has no outline or even the wider one is too large.
     */
    private static @Nullable CharacterRunAutomaton dfa(Pattern pattern, boolean trim, String before, String after) {
        if ((pattern.flags() & ~Pattern.CASE_INSENSITIVE) != 0) {
            return null;
        }
        boolean fold = (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0;
        for (int maxCount : new int[] {SMALL_COUNT, 0}) {
            String lucene = translate(pattern.pattern(), fold, maxCount, trim);
            if (lucene == null) {
                return null;
            }
            try {
                Automaton a = new RegExp(before + lucene + after, RegExp.NONE).toAutomaton();
                return new CharacterRunAutomaton(Operations.determinize(a, MAX_DETERMINIZE_WORK));
            } catch (TooComplexToDeterminizeException e) {
                // Try the wider outline.
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Everything {@code pattern}'s outline accepts, nothing trimmed and every count widened: more than the pattern
     * matches, never less, for checks on a rule as a whole (that every match holds one of its keywords). Null when
     * the pattern has no outline.
     */
    static @Nullable Automaton widened(Pattern pattern) {
        if ((pattern.flags() & ~Pattern.CASE_INSENSITIVE) != 0) {
            return null;
        }
        String lucene = translate(pattern.pattern(), (pattern.flags() & Pattern.CASE_INSENSITIVE) != 0, 0, false);
        if (lucene == null) {
            return null;
        }
        try {
            return new RegExp(lucene, RegExp.NONE).toAutomaton();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The outline in Lucene's regular expression syntax, or null. */
    static @Nullable String translate(String regex, boolean caseInsensitive) {
        return translate(regex, caseInsensitive, SMALL_COUNT);
    }

    /** The same, keeping counted repetitions up to {@code maxCount} as written and widening the others. */
    static @Nullable String translate(String regex, boolean caseInsensitive, int maxCount) {
        return translate(regex, caseInsensitive, maxCount, true);
    }

    /**
     * The outline of {@code pattern} anchored at a match's start, as a DFA of {@code (outline).*}: it accepts a
     * text from position p on whenever the pattern has a match that starts at p. Null when it cannot be built.
     * Nothing is trimmed from its ends, since an anchored outline must account for every item the match consumes.
     */
    static @Nullable CharacterRunAutomaton anchored(Pattern pattern) {
        return dfa(pattern, false, "(", ").*");
    }

    private static @Nullable String translate(String regex, boolean caseInsensitive, int maxCount, boolean trim) {
        // The automaton reads code points but is fed UTF-16 chars: a character outside the BMP in the pattern
        // would never be seen whole, and the outline would wrongly refuse. Such patterns get no outline.
        for (int k = 0; k < regex.length(); k++) {
            if (Character.isSurrogate(regex.charAt(k))) {
                return null;
            }
        }
        boolean fold = caseInsensitive;
        int i = 0;
        if (regex.startsWith("(?i)")) {
            fold = true;
            i = 4;
        }
        StringBuilder b = new StringBuilder();
        // Where each top-level item (an atom and its quantifier) starts in b, to trim optional ends afterwards.
        List<Integer> items = new ArrayList<>();
        int depth = 0;
        boolean topAlternation = false;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            boolean consumes = c != '(' && c != ')' && c != '|' && c != '*' && c != '+' && c != '?' && c != '{'
                    && c != '^' && c != '$' && !(c == '\\' && i + 1 < n && "bBAzZG".indexOf(regex.charAt(i + 1)) >= 0);
            if (depth == 0 && consumes) {
                items.add(b.length());
            }
            if (c == '(') {
                if (regex.startsWith("(?=", i) || regex.startsWith("(?!", i) || regex.startsWith("(?<=", i)
                        || regex.startsWith("(?<!", i)) {
                    int close = closingParen(regex, i);
                    if (close < 0 || close + 1 < n && "*+?{".indexOf(regex.charAt(close + 1)) >= 0) {
                        return null;
                    }
                    i = close + 1;
                    continue;
                }
                if (regex.startsWith("(?:", i)) {
                    i += 3;
                } else if (regex.startsWith("(?<", i)) {
                    int close = regex.indexOf('>', i);
                    if (close < 0) {
                        return null;
                    }
                    i = close + 1;
                } else if (regex.startsWith("(?", i)) {
                    return null;
                } else {
                    i++;
                }
                if (depth == 0) {
                    items.add(b.length());
                }
                depth++;
                b.append('(');
                continue;
            }
            if (c == ')' || c == '|') {
                // Removing a lookaround can leave an alternative empty, which Lucene reads only when written "()".
                if (!b.isEmpty() && (b.charAt(b.length() - 1) == '(' || b.charAt(b.length() - 1) == '|')
                        && !escaped(b)) {
                    b.append("()");
                }
                if (c == ')') {
                    depth--;
                } else if (depth == 0) {
                    topAlternation = true;
                }
                b.append(c);
                i++;
                continue;
            }
            if (c == '*' || c == '+' || c == '?') {
                b.append(c);
                i++;
                if (i < n && (regex.charAt(i) == '?' || regex.charAt(i) == '+')) {
                    i++;
                }
                continue;
            }
            if (c == '{') {
                int close = regex.indexOf('}', i);
                if (close < 0 || !regex.substring(i + 1, close).matches("\\d+(,\\d*)?")) {
                    return null;
                }
                b.append(relaxed(regex.substring(i + 1, close), maxCount));
                i = close + 1;
                if (i < n && (regex.charAt(i) == '?' || regex.charAt(i) == '+')) {
                    i++;
                }
                continue;
            }
            if (c == '^' || c == '$') {
                i++;
                continue;
            }
            if (c == '.') {
                // Lucene's '.' accepts every character, line breaks included: wider, never narrower.
                b.append('.');
                i++;
                continue;
            }
            if (c == '[') {
                StringBuilder cls = new StringBuilder();
                int end = charClass(regex, i, fold, cls);
                if (end < 0) {
                    return null;
                }
                b.append(cls);
                i = end;
                continue;
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    return null;
                }
                char e = regex.charAt(i + 1);
                i += 2;
                if (e == 'b' || e == 'B' || e == 'A' || e == 'z' || e == 'Z' || e == 'G') {
                    continue;
                }
                String shorthand = shorthand(e);
                if (shorthand != null) {
                    b.append(shorthand);
                    continue;
                }
                int hex = hexEscape(regex, i - 2);
                if (hex >= 0) {
                    literal(b, (char) hex, fold);
                    i += 2;
                    continue;
                }
                Character literal = escapedLiteral(e);
                if (literal == null) {
                    return null;
                }
                literal(b, literal, fold);
                continue;
            }
            literal(b, c, fold);
            i++;
        }
        return topAlternation || !trim ? b.toString() : trimmed(b.toString(), items);
    }

    /**
     * The outline without its optional first and last items, and with the repetition of the remaining first and
     * last items cut to their minimum: {@code .*(x{0,40}y).*} and {@code .*(y).*} accept the same texts, and so do
     * {@code .*(y z{2,9}).*} and {@code .*(y z{2}).*}. The same question, a much smaller automaton.
     */
    private static String trimmed(String outline, List<Integer> starts) {
        List<String> items = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            items.add(outline.substring(starts.get(k), k + 1 < starts.size() ? starts.get(k + 1) : outline.length()));
        }
        while (items.size() > 1 && optional(items.getFirst())) {
            items.removeFirst();
        }
        while (items.size() > 1 && optional(items.getLast())) {
            items.removeLast();
        }
        if (items.isEmpty()) {
            return outline;
        }
        items.set(0, atLeastOnce(items.getFirst()));
        items.set(items.size() - 1, atLeastOnce(items.getLast()));
        return String.join("", items);
    }

    /** The start of an item's quantifier, or the item's length when it has none. */
    private static int quantifierStart(String item) {
        int last = item.length() - 1;
        char q = item.charAt(last);
        if (q != '?' && q != '*' && q != '+' && q != '}' || escapedAt(item, last)) {
            return item.length();
        }
        return q == '}' ? item.lastIndexOf('{') : last;
    }

    private static boolean optional(String item) {
        String q = item.substring(quantifierStart(item));
        return q.equals("?") || q.equals("*") || q.startsWith("{0,") || q.equals("{0}");
    }

    /** The item with its repetition cut to its minimum count (at least one). */
    private static String atLeastOnce(String item) {
        int q = quantifierStart(item);
        String quantifier = item.substring(q);
        if (!quantifier.startsWith("{")) {
            return quantifier.equals("+") ? item.substring(0, q) : item;
        }
        int comma = quantifier.indexOf(',');
        String min = quantifier.substring(1, comma < 0 ? quantifier.length() - 1 : comma);
        return min.equals("1") ? item.substring(0, q) : item.substring(0, q) + "{" + min + "}";
    }

    private static boolean escapedAt(String s, int at) {
        int slashes = 0;
        for (int k = at - 1; k >= 0 && s.charAt(k) == '\\'; k--) {
            slashes++;
        }
        return slashes % 2 == 1;
    }

    /**
     * A counted repetition as written when it is small; a larger one widened to at least {@code min(m, maxCount)}
     * and no upper bound. The automaton of {@code .*(x{m,n}).*} grows with m and n and soon takes too long to
     * determinize, while the wider form stays small and still rejects most text that the pattern rejects.
     */
    private static String relaxed(String counts, int maxCount) {
        int comma = counts.indexOf(',');
        int min = Integer.parseInt(comma < 0 ? counts : counts.substring(0, comma));
        String upper = comma < 0 ? counts : counts.substring(comma + 1);
        if (!upper.isEmpty() && Integer.parseInt(upper) <= maxCount) {
            return "{" + counts + "}";
        }
        return "{" + Math.min(min, Math.max(maxCount, 1)) + ",}";
    }

    /** Counted repetitions up to this bound are kept as written (as in {@code \\d{3}}). */
    private static final int SMALL_COUNT = 4;

    /** A shorthand class outside brackets, in Lucene syntax, or null. */
    private static @Nullable String shorthand(char e) {
        return switch (e) {
            case 'd' -> "[0-9]";
            case 'D' -> "[^0-9]";
            case 'w' -> "[" + WORD + "]";
            case 'W' -> "[^" + WORD + "]";
            case 's' -> "[" + escapeAll(SPACE) + "]";
            case 'S' -> "[^" + escapeAll(SPACE) + "]";
            default -> null;
        };
    }

    /** The character of the escape {@code \\xhh} at {@code at}, or -1 when there is none. */
    private static int hexEscape(String regex, int at) {
        if (at + 3 >= regex.length() || regex.charAt(at) != '\\' || regex.charAt(at + 1) != 'x') {
            return -1;
        }
        int high = Character.digit(regex.charAt(at + 2), 16);
        int low = Character.digit(regex.charAt(at + 3), 16);
        return high < 0 || low < 0 ? -1 : high * 16 + low;
    }

    /** The character an escape stands for, when it is a single literal; null for anything else. */
    private static @Nullable Character escapedLiteral(char e) {
        return switch (e) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 'f' -> '\f';
            default -> Character.isLetterOrDigit(e) ? null : e;
        };
    }

    private static void literal(StringBuilder b, char c, boolean fold) {
        if (fold && isAsciiLetter(c)) {
            b.append('[').append(Character.toLowerCase(c)).append(Character.toUpperCase(c)).append(']');
        } else if (Character.isLetterOrDigit(c) && c < 128) {
            b.append(c);
        } else {
            b.append('\\').append(c);
        }
    }

    /**
     * Translates the class starting at {@code regex[start] == '['} into {@code out}; returns the index after it, or
     * -1 for syntax not handled (nested classes, intersections, properties).
     */
    private static int charClass(String regex, int start, boolean fold, StringBuilder out) {
        int i = start + 1;
        int n = regex.length();
        boolean negated = i < n && regex.charAt(i) == '^';
        if (negated) {
            i++;
        }
        StringBuilder body = new StringBuilder();
        boolean first = true;
        while (i < n) {
            char c = regex.charAt(i);
            if (c == ']' && !first) {
                break;
            }
            first = false;
            if (c == '[' || c == '&' && i + 1 < n && regex.charAt(i + 1) == '&') {
                return -1;
            }
            char lo;
            if (c == '\\') {
                if (i + 1 >= n) {
                    return -1;
                }
                char e = regex.charAt(i + 1);
                i += 2;
                switch (e) {
                    case 'd' -> body.append("0-9");
                    case 'w' -> body.append(WORD);
                    case 's' -> body.append(escapeAll(SPACE));
                    default -> {
                        int hex = hexEscape(regex, i - 2);
                        Character literal = hex >= 0 ? Character.valueOf((char) hex) : escapedLiteral(e);
                        if (literal == null) {
                            return -1;
                        }
                        if (hex >= 0) {
                            i += 2;
                        }
                        lo = literal;
                        i = range(regex, i, lo, negated ? false : fold, body);
                        if (i < 0) {
                            return -1;
                        }
                    }
                }
                continue;
            }
            i = range(regex, i + 1, c, negated ? false : fold, body);
            if (i < 0) {
                return -1;
            }
        }
        if (i >= n || body.isEmpty()) {
            return -1;
        }
        out.append(negated ? "[^" : "[").append(body).append(']');
        return i + 1;
    }

    /** Appends {@code lo} or the range {@code lo-hi} that starts at it; returns the index after it, -1 if unhandled. */
    private static int range(String regex, int i, char lo, boolean fold, StringBuilder body) {
        int n = regex.length();
        char hi = lo;
        if (i + 1 < n && regex.charAt(i) == '-' && regex.charAt(i + 1) != ']') {
            char h = regex.charAt(i + 1);
            int hex = hexEscape(regex, i + 1);
            if (hex >= 0) {
                hi = (char) hex;
                i += 5;
            } else if (h == '\\' || h == '[') {
                return -1;
            } else {
                hi = h;
                i += 2;
            }
            if (hi < lo) {
                return -1;
            }
        }
        appendRange(body, lo, hi);
        if (fold) {
            for (char x = lo; x <= hi && x < 128; x++) {
                if (isAsciiLetter(x)) {
                    char other = Character.isLowerCase(x) ? Character.toUpperCase(x) : Character.toLowerCase(x);
                    body.append(other);
                }
            }
        }
        return i;
    }

    private static void appendRange(StringBuilder body, char lo, char hi) {
        // Lucene's parser reads an escaped character at a range's start as a character of its own ([\\!-/] is
        // !, - and /): the start is written bare, and the few that must be escaped go on their own before the rest.
        char from = lo;
        while (from != hi && RANGE_START_ESCAPED.indexOf(from) >= 0) {
            classChar(body, from);
            from++;
        }
        if (from == hi) {
            classChar(body, from);
            return;
        }
        body.append(from).append('-');
        classChar(body, hi);
    }

    /** What a class cannot hold bare, and so never starts a range. */
    private static final String RANGE_START_ESCAPED = "]\\[^-";

    /** Letters and digits stay bare inside a class (Lucene reads an escaped letter as a shorthand like \\d). */
    private static void classChar(StringBuilder body, char c) {
        if (!(Character.isLetterOrDigit(c) && c < 128)) {
            body.append('\\');
        }
        body.append(c);
    }

    /** Whether the last character of {@code b} is escaped by a backslash. */
    private static boolean escaped(StringBuilder b) {
        int k = b.length() - 2;
        int slashes = 0;
        while (k >= 0 && b.charAt(k) == '\\') {
            slashes++;
            k--;
        }
        return slashes % 2 == 1;
    }

    private static String escapeAll(String chars) {
        StringBuilder b = new StringBuilder();
        for (char c : chars.toCharArray()) {
            b.append('\\').append(c);
        }
        return b.toString();
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** The index of the parenthesis closing the group opened at {@code open}, or -1. */
    static int closingParen(String regex, int open) {
        return atDepthZero(regex, open, ')');
    }

    /** Whether the pattern has an alternation outside every group. */
    static boolean topLevelAlternation(String regex) {
        return atDepthZero(regex, 0, '|') >= 0;
    }

    /**
     * From {@code from} on, skipping escapes and classes: the first {@code '|'} outside every group, or for
     * {@code ')'} the parenthesis that brings the depth back to zero; -1 if there is none.
     */
    private static int atDepthZero(String regex, int from, char wanted) {
        int depth = 0;
        boolean inClass = false;
        for (int i = from; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                continue;
            }
            if (c == '[') {
                inClass = true;
                // A ']' right after '[' or '[^' is a literal inside the class.
                if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                    i++;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (wanted == ')' && depth == 0) {
                    return i;
                }
            } else if (c == wanted && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
