package dev.periscope.masking;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.jspecify.annotations.Nullable;

/**
 * A cheap first look at a key found in text ({@link EmbeddedFields}): can any field rule's glob match it? Every glob
 * is written as a Lucene regular expression with the same meaning as {@link FieldGlob} (case-insensitive, {@code *}
 * within a segment, {@code **} across segments, {@code **.} also matching no segment), and all of them are joined into
 * one automaton, run over the key where it lies in the text: most keys are turned away without a string, a hash or a
 * glob match. Only when it answers yes is the key looked up in full. Keys beyond ASCII are always looked up.
 */
final class FieldKeyFilter {

    private static final int MAX_DETERMINIZE_WORK = 200_000;

    /** Null when every key must be looked up (the automaton could not be built). */
    private final @Nullable Steps globs;
    private final boolean none;

    FieldKeyFilter(List<MaskingRule> fieldRules) {
        List<String> patterns = new ArrayList<>();
        for (MaskingRule rule : fieldRules) {
            for (FieldGlob glob : rule.fields()) {
                if (glob.excluded()) {
                    continue; // an exclusion only turns keys away: the filter may let more through, never fewer
                }
                patterns.add(regexOf(FieldGlob.snake(glob.glob())));
                patterns.add(regexOf(glob.glob().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        this.none = patterns.isEmpty();
        CharacterRunAutomaton built = null;
        if (!none) {
            try {
                // Reversed, and run from the key's last character back: keys differ most at their ends
                // ("**.salary" can follow any path), so most are turned away after a character or two.
                Automaton a = Operations.reverse(new RegExp(String.join("|", patterns)).toAutomaton());
                built = new CharacterRunAutomaton(Operations.determinize(a, MAX_DETERMINIZE_WORK));
            } catch (RuntimeException e) {
                built = null; // too large to build: every key is looked up
            }
        }
        this.globs = built == null ? null : new Steps(built);
    }

    /** Whether the key {@code text[start, end)} may name a field some rule masks; false only when none can. */
    boolean mayMatch(String text, int start, int end) {
        if (none) {
            return false;
        }
        Steps a = globs;
        if (a == null) {
            return true;
        }
        // One walk over the key lower-cased, which also notes what the other spellings need: keys come here for
        // every quote, colon and equals sign of a text, and reading each one several times cost more than the walk.
        int state = 0;
        int seen = 0;
        int i = end - 1;
        for (; i >= start; i--) {
            char c = text.charAt(i);
            if (c >= 128) {
                return true; // lower-casing beyond ASCII is left to the globs themselves
            }
            seen |= KINDS[c];
            state = a.next[state + a.lower[c]];
            if (state < 0) {
                break;
            }
        }
        if (state >= 0 && a.accepting(state)) {
            return true;
        }
        // The snake spelling differs from the lower-cased one only at capitals and dashes: a walk that stopped before
        // meeting one stops at the same char in snake spelling.
        if ((seen & CAPITAL_OR_DASH) != 0 && accepts(a, text, start, end, true)) {
            return true;
        }
        // A key read whole without both a dot and a digit has no array position in it.
        boolean whole = i < start;
        if (whole && (seen & DOT_AND_DIGIT) != DOT_AND_DIGIT || !hasPositionSegment(text, start, end)) {
            return false;
        }
        // Names are matched without their array positions too (CompiledRules.fieldRulesFor): rare, so a string.
        String withoutPositions = CompiledRules.withoutPositions(text.substring(start, end));
        return withoutPositions != null && (accepts(a, withoutPositions, 0, withoutPositions.length(), false)
                || accepts(a, withoutPositions, 0, withoutPositions.length(), true));
    }

    /** What a walk over a key notes of its chars. */
    private static final byte CAPITAL_OR_DASH = 1;
    private static final byte DOT = 2;
    private static final byte DIGIT = 4;
    private static final int DOT_AND_DIGIT = DOT | DIGIT;
    private static final byte[] KINDS = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            KINDS[c] = (byte) (c >= 'A' && c <= 'Z' || c == '-' ? CAPITAL_OR_DASH : c == '.' ? DOT
                    : c >= '0' && c <= '9' ? DIGIT : 0);
        }
    }

    /**
     * Runs the reversed automaton from the key's last character back, over the key lower-cased, or as
     * {@link FieldGlob#snake} spells it ({@code _} for {@code -}, and before each word that starts with a capital);
     * characters beyond ASCII let it through. The automaton holds every glob in both spellings, as
     * {@link FieldGlob#matches} compares them.
     */
    private static boolean accepts(Steps a, String text, int start, int end, boolean snake) {
        int[] column = snake ? a.snake : a.lower;
        int state = 0;
        for (int i = end - 1; i >= start; i--) {
            char c = text.charAt(i);
            if (c >= 128) {
                return true;
            }
            state = a.next[state + column[c]];
            if (snake && state >= 0 && FieldGlob.wordStartsAt(text, start, end, i)) {
                state = a.next[state + a.underscore]; // reversed: the separator comes after the word's first letter
            }
            if (state < 0) {
                return false;
            }
        }
        return a.accepting(state);
    }

    /**
     * The reversed automaton's steps over ASCII as one flat table, each spelling's mapping of a char (lower-cased;
     * snake, with {@code _} for {@code -}) folded into its column lookup. A state is the offset of its row, so a step
     * is one addition and one load, where the automaton's own step multiplies and checks the char first.
     */
    private static final class Steps {
        final int[] next;
        final int[] lower = new int[128];
        final int[] snake = new int[128];
        final int underscore;
        private final boolean[] accept;
        private final int classes;

        Steps(CharacterRunAutomaton a) {
            int[] points = a.getCharIntervals();
            classes = points.length;
            next = new int[a.getSize() * classes];
            accept = new boolean[a.getSize()];
            for (int s = 0; s < a.getSize(); s++) {
                accept[s] = a.isAccept(s);
                for (int k = 0; k < classes; k++) {
                    int t = a.step(s, points[k]);
                    next[s * classes + k] = t < 0 ? -1 : t * classes;
                }
            }
            for (char c = 0; c < 128; c++) {
                char folded = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
                lower[c] = classOf(points, folded);
                snake[c] = classOf(points, c == '-' ? '_' : folded);
            }
            underscore = classOf(points, '_');
        }

        boolean accepting(int state) {
            return accept[state / classes];
        }

        /** The class of {@code c}: the last interval starting at or before it. */
        private static int classOf(int[] points, int c) {
            int k = 0;
            while (k + 1 < points.length && points[k + 1] <= c) {
                k++;
            }
            return k;
        }
    }

    /**
     * Whether a segment of the dotted key {@code text[start, end)} is all digits ({@code salary.1}) and another is
     * not: a key of digits and dots alone ({@code 10.0.0.1} before a port) has no name left without its positions.
     */
    private static boolean hasPositionSegment(String text, int start, int end) {
        boolean position = false;
        boolean named = false;
        boolean digits = false;
        boolean onlyDigits = true;
        for (int i = start; i <= end; i++) {
            char c = i < end ? text.charAt(i) : '.';
            if (c == '.') {
                position |= digits && onlyDigits;
                named |= !onlyDigits;
                digits = false;
                onlyDigits = true;
            } else if (c >= '0' && c <= '9') {
                digits = true;
            } else {
                onlyDigits = false;
            }
        }
        return position && named;
    }

    /** Lucene's spelling: an escaped letter can mean a class there ({@code \d}), so only other characters are. */
    private static final FieldGlob.Syntax LUCENE = new FieldGlob.Syntax("(.*\\.)?", ".*", "[^.]*", "[^.]",
            c -> c < 128 && Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);

    /** A lower-cased glob as a Lucene regular expression, read as {@link FieldGlob} reads it. */
    static String regexOf(String glob) {
        return "(" + FieldGlob.regex(glob, LUCENE) + ")";
    }
}
