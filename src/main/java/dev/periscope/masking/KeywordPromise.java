package dev.periscope.masking;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;
import org.apache.lucene.util.automaton.Transition;

/**
 * Checks the promise a keyword rule makes: every text its pattern matches holds one of its keywords. The fast engine
 * reads a keyword rule only around its keywords, so a rule whose keywords only stand near its matches would find
 * nothing there while the reference engine finds them: values it should mask would pass. Checked on the pattern's
 * outline ({@link PatternOutline#widened}), which accepts every text the pattern can match and possibly more.
 *
 * <p>A pattern without an outline (constructs the outline cannot follow), or one too large to decide, is not
 * judged. Answers are kept per pattern and keywords, since a reload reads mostly the same rules again.
 */
final class KeywordPromise {

    /** States one determinisation may build; beyond it the rule is not judged. */
    private static final int MAX_STATES = 200_000;
    /** Answers kept at most; the set starts over when full. */
    private static final int MAX_KEPT = 4096;
    private static final Map<String, Optional<String>> KEPT = new ConcurrentHashMap<>();

    private KeywordPromise() {
    }

    /**
     * A short text the pattern may match that holds none of the keywords, or empty when there is none (or the
     * pattern cannot be judged).
     */
    static Optional<String> brokenBy(Pattern pattern, List<String> keywords) {
        if (keywords.isEmpty()) {
            return Optional.empty();
        }
        String key = pattern.flags() + "\u0000" + pattern.pattern() + "\u0000" + String.join("\u0000", keywords);
        Optional<String> known = KEPT.get(key);
        if (known != null) {
            return known;
        }
        Optional<String> answer = judge(pattern, keywords);
        if (KEPT.size() >= MAX_KEPT) {
            KEPT.clear();
        }
        KEPT.put(key, answer);
        return answer;
    }

    private static Optional<String> judge(Pattern pattern, List<String> keywords) {
        Automaton outline = PatternOutline.widened(pattern);
        if (outline == null) {
            return Optional.empty();
        }
        try {
            Automaton withoutKeyword = Operations.minus(outline, containingOneOf(keywords), MAX_STATES);
            return Operations.isEmpty(withoutKeyword) ? Optional.empty() : Optional.of(shortestText(withoutKeyword));
        } catch (TooComplexToDeterminizeException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Texts that hold one of the keywords anywhere, in any case (keywords are matched case-insensitively). */
    static Automaton containingOneOf(List<String> keywords) {
        StringBuilder regex = new StringBuilder(".*(");
        for (int k = 0; k < keywords.size(); k++) {
            if (k > 0) {
                regex.append('|');
            }
            keywords.get(k).codePoints().forEach(c -> {
                // The automaton folds the case of every letter (ΑΦΜ finds the keyword αφμ), so the promise does too.
                if (Character.isLetter(c) && Character.toLowerCase(c) != Character.toUpperCase(c)) {
                    regex.append('[').appendCodePoint(Character.toLowerCase(c))
                            .appendCodePoint(Character.toUpperCase(c)).append(']');
                } else if (c < 128 && Character.isLetterOrDigit(c)) {
                    regex.append((char) c);
                } else {
                    regex.append('\\').appendCodePoint(c);
                }
            });
        }
        return new RegExp(regex.append(").*").toString(), RegExp.NONE).toAutomaton();
    }

    /** One of the shortest texts the automaton accepts, to show what breaks the promise. */
    private static String shortestText(Automaton nfa) {
        Automaton a = Operations.determinize(nfa, MAX_STATES);
        Map<Integer, String> seen = new HashMap<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        seen.put(0, "");
        queue.add(0);
        Transition t = new Transition();
        while (!queue.isEmpty()) {
            int state = queue.poll();
            if (a.isAccept(state)) {
                return seen.get(state);
            }
            int count = a.initTransition(state, t);
            for (int i = 0; i < count; i++) {
                a.getNextTransition(t);
                if (!seen.containsKey(t.dest)) {
                    // A readable character of the range where there is one: a space rather than a control character.
                    int c = t.min < ' ' && t.max >= ' ' ? ' ' : t.min;
                    seen.put(t.dest, seen.get(state) + new String(Character.toChars(c)));
                    queue.add(t.dest);
                }
            }
        }
        return "";
    }
}
