package dev.periscope.masking;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.jspecify.annotations.Nullable;

/**
 * A rule's gate: a cheap necessary condition that must be found in a region before the rule's pattern runs there.
 *
 * <p>The gate is written as a {@code java.util.regex} pattern, but is run as a deterministic automaton (Lucene's
 * {@code util.automaton}) of {@code .*(gate).*} whenever the pattern uses only the syntax both share: one table
 * lookup per character and no backtracking, where a {@code Matcher.find} tries the whole pattern at every start
 * position and resets its group state first. Gates the automaton cannot express fall back to the regex.
 */
final class RegionGate {

    private static final int MAX_DETERMINIZE_WORK = 10_000;

    private final Pattern pattern;
    private final @Nullable Table dfa;
    private final ThreadLocal<Matcher> matcher;

    RegionGate(Pattern pattern) {
        this(pattern, pattern.flags() == 0 ? automaton(pattern.pattern()) : null);
    }

    /** A gate run as {@code dfa}, which must accept a region whenever {@code pattern} finds something in it. */
    RegionGate(Pattern pattern, @Nullable CharacterRunAutomaton dfa) {
        this.pattern = pattern;
        this.dfa = dfa == null ? null : new Table(dfa);
        this.matcher = ThreadLocal.withInitial(() -> pattern.matcher(""));
    }

    /**
     * Whether the gate finds something in {@code text[from, to)}. A region that reaches the end of the text is
     * followed by one line break, so a gate can require that something is followed by a non-word character and
     * still open at the end of the text.
     */
    boolean open(String text, int from, int to) {
        return open(text, null, from, to);
    }

    /** The same, reading the characters from {@code chars} (the text's characters) when it is not null. */
    boolean open(String text, char @Nullable [] chars, int from, int to) {
        boolean atEnd = to == text.length();
        Table a = dfa;
        if (a == null) {
            String t = atEnd ? text + END : text;
            return matcher.get().reset(t).region(from, atEnd ? to + 1 : to).find();
        }
        if (a.startAccepts) {
            return true;
        }
        int[] next = a.next;
        int[] ascii = a.ascii;
        // The state is the offset of its row in the table.
        int state = 0;
        for (int i = from; i < to; i++) {
            char c = chars != null ? chars[i] : text.charAt(i);
            state = next[state + (c < 128 ? ascii[c] : a.classOf(c))];
            if (state < 0) {
                return state == Table.ACCEPT;
            }
        }
        return atEnd && next[state + ascii[END]] == Table.ACCEPT;
    }

    /**
     * The automaton as one flat table of next states. {@code ".*(gate).*"} stays accepting once it accepts, so every
     * accepting state is folded into one negative value, as the dead state is: the walk ends at the first negative
     * entry, one load per character. Lucene's automaton asks a bit set after every step.
     *
     * <p>A state is stored as the offset of its row ({@code state * classes}): each step waits for the one before
     * it, and an addition in that chain is quicker than a multiplication.
     */
    private static final class Table {
        static final int DEAD = -1;
        static final int ACCEPT = -2;

        final int classes;
        final int[] points;
        final int[] next;
        final int[] ascii = new int[128];
        final boolean startAccepts;

        Table(CharacterRunAutomaton a) {
            points = a.getCharIntervals();
            classes = points.length;
            next = new int[a.getSize() * classes];
            for (int s = 0; s < a.getSize(); s++) {
                for (int k = 0; k < classes; k++) {
                    int t = a.step(s, points[k]);
                    next[s * classes + k] = t < 0 ? DEAD : a.isAccept(t) ? ACCEPT : t * classes;
                }
            }
            for (char c = 0; c < 128; c++) {
                ascii[c] = classOf(c);
            }
            startAccepts = a.isAccept(0);
        }

        /** The class of {@code c}: the last interval starting at or before it. */
        int classOf(int c) {
            int lo = 0;
            int hi = classes - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (points[mid] <= c) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }
    }

    private static final char END = '\n';

    boolean compiled() {
        return dfa != null;
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }

    /**
     * The gate as an automaton, or null when it uses syntax whose meaning differs between the two dialects. Only
     * literals, escaped punctuation, {@code \d}, character classes of literals and ranges, groups, alternation and
     * bounded or unbounded repetition are translated.
     */
    static @Nullable CharacterRunAutomaton automaton(String regex) {
        StringBuilder b = new StringBuilder(".*(");
        int i = 0;
        int n = regex.length();
        boolean afterQuantifier = false;
        while (i < n) {
            char c = regex.charAt(i);
            boolean quantifierBefore = afterQuantifier;
            afterQuantifier = c == '*' || c == '+' || c == '?' || c == '}';
            if (c == '(') {
                if (regex.startsWith("(?:", i)) {
                    i += 3;
                } else if (regex.startsWith("(?", i)) {
                    return null;
                } else {
                    i++;
                }
                b.append('(');
                continue;
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    return null;
                }
                char e = regex.charAt(i + 1);
                if (e == 'd') {
                    b.append("[0-9]");
                } else if (!Character.isLetterOrDigit(e)) {
                    b.append('\\').append(e);
                } else {
                    return null;
                }
                i += 2;
                continue;
            }
            if (c == '[') {
                int close = regex.indexOf(']', i + 2);
                if (close < 0) {
                    return null;
                }
                String body = regex.substring(i + 1, close);
                boolean negated = body.startsWith("^");
                if (negated) {
                    body = body.substring(1);
                }
                if (body.isEmpty() || body.contains("[") || body.contains("&&") || body.contains("\\")) {
                    return null;
                }
                b.append(negated ? "[^" : "[");
                for (int k = 0; k < body.length(); k++) {
                    char x = body.charAt(k);
                    boolean range = x == '-' && k > 0 && k < body.length() - 1
                            && Character.isLetterOrDigit(body.charAt(k - 1))
                            && Character.isLetterOrDigit(body.charAt(k + 1));
                    if (range || Character.isLetterOrDigit(x)) {
                        b.append(x);
                    } else {
                        // Lucene reads some punctuation inside a class differently ('.' before '-' opens a range).
                        b.append('\\').append(x);
                    }
                }
                b.append(']');
                i = close + 1;
                continue;
            }
            if (c == '{') {
                int close = regex.indexOf('}', i);
                if (close < 0 || !regex.substring(i + 1, close).matches("\\d+(,\\d*)?")) {
                    return null;
                }
                b.append(regex, i, close + 1);
                i = close + 1;
                afterQuantifier = true;
                continue;
            }
            if (c == '.' || c == '^' || c == '$' || c == '"' || c == '#' || c == '@' || c == '&' || c == '<'
                    || c == '>' || c == '~') {
                return null;
            }
            if (c == '|' || c == ')' || c == '*' || c == '+' || c == '?') {
                // A lazy or possessive quantifier changes nothing about whether a match exists.
                if ((c == '?' || c == '+') && quantifierBefore) {
                    afterQuantifier = false;
                    i++;
                    continue;
                }
                b.append(c);
                i++;
                continue;
            }
            if (!Character.isLetterOrDigit(c) && c != ' ' && c != ':' && c != '-' && c != '_' && c != '%'
                    && c != '=' && c != ',' && c != '/' && c != '\'') {
                return null;
            }
            // Letters and digits stay bare: Lucene reads an escaped letter as a class shorthand such as \\d or \\w.
            if (Character.isLetterOrDigit(c)) {
                b.append(c);
            } else {
                b.append('\\').append(c);
            }
            i++;
        }
        b.append(").*");
        try {
            Automaton a = new RegExp(b.toString(), RegExp.NONE).toAutomaton();
            return new CharacterRunAutomaton(Operations.determinize(a, MAX_DETERMINIZE_WORK));
        } catch (IllegalArgumentException | org.apache.lucene.util.automaton.TooComplexToDeterminizeException e) {
            return null;
        }
    }
}
