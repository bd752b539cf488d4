package dev.periscope.masking;

import java.util.regex.Pattern;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.jspecify.annotations.Nullable;

/**
 * Where a match of a rule's pattern can begin, derived from the pattern at load: two cheap necessary conditions
 * checked before a {@code lookingAt} is tried at a position.
 * <ul>
 *   <li>A leading one-character negative lookbehind, such as {@code (?<![A-Za-z0-9_-])}, as a table: no match
 *       starts right after such a character. Most shipped patterns start that way, so inside a word only the
 *       word's first character is a candidate.
 *   <li>The pattern's outline ({@link PatternOutline}) anchored at the position, as a DFA walked until it accepts
 *       or dies: {@code customer} in front of an email's {@code @} dies at the space after it.
 * </ul>
 * Both only widen what the pattern accepts, so a refused position cannot hold a match. A surrogate character makes
 * either check answer "possible", since the automaton reads UTF-16 units where the pattern reads code points.
 */
final class MatchStart {

    /** Bit c set when a match cannot start right after char c (one bit per char of the BMP). */
    private final long @Nullable [] notAfter;
    private final @Nullable CharacterRunAutomaton anchored;

    private MatchStart(long @Nullable [] notAfter, @Nullable CharacterRunAutomaton anchored) {
        this.notAfter = notAfter;
        this.anchored = anchored;
    }

    /** The start conditions of {@code pattern}, or null when neither can be derived. */
    static @Nullable MatchStart of(Pattern pattern) {
        long[] notAfter = leadingLookbehind(pattern);
        CharacterRunAutomaton anchored = PatternOutline.anchored(pattern);
        return notAfter == null && anchored == null ? null : new MatchStart(notAfter, anchored);
    }

    /** Whether the pattern's leading lookbehind is known, so that most positions inside a word are refused. */
    boolean refusesInsideWords() {
        return notAfter != null;
    }

    /** Whether a match may begin at {@code p} and end by {@code end}; false only when that is impossible. */
    boolean possible(char[] chars, int p, int end) {
        long[] table = notAfter;
        if (table != null && p > 0) {
            char before = chars[p - 1];
            if ((table[before >>> 6] & (1L << before)) != 0 && !Character.isSurrogate(before)) {
                return false;
            }
        }
        CharacterRunAutomaton a = anchored;
        if (a == null) {
            return true;
        }
        int state = 0;
        for (int i = p; i < end; i++) {
            char c = chars[i];
            if (Character.isSurrogate(c)) {
                return true;
            }
            state = a.step(state, c);
            if (state < 0) {
                return false;
            }
            if (a.isAccept(state)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The characters after which a match cannot start, when the pattern opens with a negative lookbehind of one
     * character class ({@code (?<![...])} or {@code (?<!\w)}), after an optional leading {@code (?i)}; else null.
     */
    private static long @Nullable [] leadingLookbehind(Pattern pattern) {
        String regex = pattern.pattern();
        int flags = pattern.flags();
        int i = 0;
        if (regex.startsWith("(?i)")) {
            flags |= Pattern.CASE_INSENSITIVE;
            i = 4;
        }
        // With an alternation at the top, the lookbehind belongs to the first alternative only.
        if (!regex.startsWith("(?<!", i) || PatternOutline.topLevelAlternation(regex)) {
            return null;
        }
        String atom = singleClass(regex, i + 4);
        if (atom == null) {
            return null;
        }
        Pattern cls;
        try {
            cls = Pattern.compile(atom, flags);
        } catch (IllegalArgumentException e) {
            return null;
        }
        long[] table = new long[1024];
        var m = cls.matcher("");
        for (int c = 0; c < 65536; c++) {
            if (!Character.isSurrogate((char) c) && m.reset(String.valueOf((char) c)).matches()) {
                table[c >>> 6] |= 1L << c;
            }
        }
        return table;
    }

    /** The lookbehind's body when it is exactly one class ({@code [...]} without nesting, or {@code \w}...). */
    private static @Nullable String singleClass(String regex, int from) {
        int n = regex.length();
        if (from + 2 < n && regex.charAt(from) == '\\' && "wdsWDS".indexOf(regex.charAt(from + 1)) >= 0
                && regex.charAt(from + 2) == ')') {
            return regex.substring(from, from + 2);
        }
        if (from >= n || regex.charAt(from) != '[') {
            return null;
        }
        int i = from + 1;
        if (i < n && regex.charAt(i) == '^') {
            i++;
        }
        if (i < n && regex.charAt(i) == ']') {
            i++;
        }
        while (i < n) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[' || c == '&' && i + 1 < n && regex.charAt(i + 1) == '&') {
                return null;
            }
            if (c == ']') {
                return i + 1 < n && regex.charAt(i + 1) == ')' ? regex.substring(from, i + 1) : null;
            }
            i++;
        }
        return null;
    }
}
