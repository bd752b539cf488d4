package dev.periscope.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.jspecify.annotations.Nullable;

/**
 * A cheap first look at a key found in text ({@link EmbeddedFields}): can any field rule's glob match a name that
 * ends like this one? The last segment of every glob ({@code salary} of {@code **.salary}, {@code *_email} of
 * {@code **.*_email}) is joined into one automaton, run over the key's last segment where it lies in the text, so
 * most keys are turned away without a string, a hash or a glob match. Only when it answers yes is the key looked up
 * in full. A glob whose last segment is {@code **} lets every key through.
 */
final class FieldKeyFilter {

    private static final int MAX_DETERMINIZE_WORK = 10_000;

    /** Null when every key must be looked up. */
    private final @Nullable CharacterRunAutomaton tails;
    private final boolean none;

    FieldKeyFilter(List<MaskingRule> fieldRules) {
        List<String> tailPatterns = new ArrayList<>();
        boolean any = false;
        for (MaskingRule rule : fieldRules) {
            for (FieldGlob glob : rule.fields()) {
                String g = glob.glob().toLowerCase(Locale.ROOT);
                String tail = g.substring(g.lastIndexOf('.') + 1);
                if (tail.contains("**") || tail.isEmpty()) {
                    any = true;
                } else {
                    tailPatterns.add(regexOf(tail));
                }
            }
        }
        this.none = tailPatterns.isEmpty() && !any;
        CharacterRunAutomaton built = null;
        if (!any && !tailPatterns.isEmpty()) {
            try {
                Automaton a = new RegExp(String.join("|", tailPatterns)).toAutomaton();
                built = new CharacterRunAutomaton(Operations.determinize(a, MAX_DETERMINIZE_WORK));
            } catch (RuntimeException e) {
                built = null; // too large to build: every key is looked up
            }
        }
        this.tails = built;
    }

    /** Whether the key {@code text[start, end)} may name a field some rule masks; false only when none can. */
    boolean mayMatch(String text, int start, int end) {
        if (none) {
            return false;
        }
        CharacterRunAutomaton a = tails;
        if (a == null) {
            return true;
        }
        int from = start;
        for (int i = end - 1; i >= start; i--) {
            if (text.charAt(i) == '.') {
                from = i + 1;
                break;
            }
        }
        int state = 0;
        for (int i = from; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 128) {
                return true; // lower-casing beyond ASCII is left to the globs themselves
            }
            state = a.step(state, c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
            if (state < 0) {
                return false;
            }
        }
        return a.isAccept(state);
    }

    /** A glob segment as a Lucene regular expression: {@code *} and {@code ?} stay within the segment. */
    private static String regexOf(String segment) {
        StringBuilder re = new StringBuilder("(");
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '*') {
                re.append("[^.]*");
            } else if (c == '?') {
                re.append("[^.]");
            } else if (c < 128 && Character.isLetterOrDigit(c)) {
                re.append(c); // escaped, a letter can mean a class (\d, \s, \w)
            } else {
                re.append('\\').append(c);
            }
        }
        return re.append(')').toString();
    }
}
