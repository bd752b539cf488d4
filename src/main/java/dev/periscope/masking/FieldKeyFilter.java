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
    private final @Nullable CharacterRunAutomaton globs;
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
        this.globs = built;
    }

    /** Whether the key {@code text[start, end)} may name a field some rule masks; false only when none can. */
    boolean mayMatch(String text, int start, int end) {
        if (none) {
            return false;
        }
        CharacterRunAutomaton a = globs;
        if (a == null) {
            return true;
        }
        if (accepts(a, text, start, end, false)
                || hasCapitalOrDash(text, start, end) && accepts(a, text, start, end, true)) {
            return true;
        }
        if (!hasPositionSegment(text, start, end)) {
            return false;
        }
        // Names are matched without their array positions too (CompiledRules.fieldRulesFor): rare, so a string.
        String withoutPositions = CompiledRules.withoutPositions(text.substring(start, end));
        return withoutPositions != null && (accepts(a, withoutPositions, 0, withoutPositions.length(), false)
                || accepts(a, withoutPositions, 0, withoutPositions.length(), true));
    }

    /** Whether the key has a capital or a dash, without which its snake spelling is its lower-cased one. */
    private static boolean hasCapitalOrDash(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z' || c == '-') {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the reversed automaton from the key's last character back, over the key lower-cased, or as
     * {@link FieldGlob#snake} spells it ({@code _} for {@code -}, and before each word that starts with a capital);
     * characters beyond ASCII let it through. The automaton holds every glob in both spellings, as
     * {@link FieldGlob#matches} compares them.
     */
    private static boolean accepts(CharacterRunAutomaton a, String text, int start, int end, boolean snake) {
        int state = 0;
        for (int i = end - 1; i >= start; i--) {
            char c = text.charAt(i);
            if (c >= 128) {
                return true; // lower-casing beyond ASCII is left to the globs themselves
            }
            state = a.step(state, snake && c == '-' ? '_' : c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            if (snake && state >= 0 && FieldGlob.wordStartsAt(text, start, end, i)) {
                state = a.step(state, '_'); // reversed: the separator comes after the word's first letter
            }
            if (state < 0) {
                return false;
            }
        }
        return a.isAccept(state);
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
