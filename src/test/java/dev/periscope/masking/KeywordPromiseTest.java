package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.junit.jupiter.api.Test;

/**
 * The fast engine reads a keyword rule only around its keywords, trusting that every match holds one of them
 * ({@code example-custom.yaml}). A rule whose keywords only stand near its matches finds nothing there, while the
 * reference engine finds them. Checked here on each shipped rule's outline: no text it accepts lacks a keyword.
 */
class KeywordPromiseTest {

    @Test
    void every_match_of_a_shipped_keyword_rule_holds_one_of_its_keywords() {
        CompiledRules rules = MaskingFixtures.shippedRules();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (MaskingRule rule : rules.content) {
            List<String> keywords = rule.content().keywords();
            Automaton outline = PatternOutline.widened(rule.content().pattern());
            if (keywords.isEmpty() || outline == null) {
                continue;
            }
            checked++;
            Automaton withoutKeyword = Operations.minus(outline, containingOneOf(keywords), 200_000);
            if (!Operations.isEmpty(withoutKeyword)) {
                broken.add(rule.id() + ": " + shortestText(withoutKeyword));
            }
        }
        assertThat(broken).as("keyword rules with matches that hold none of their keywords").isEmpty();
        assertThat(checked).as("keyword rules with an outline").isGreaterThan(100);
    }

    @Test
    void a_rule_whose_keyword_only_stands_before_its_match_breaks_the_promise() {
        Automaton outline = PatternOutline.widened(java.util.regex.Pattern.compile("(?<=mbi )[0-9][A-Z]{2}[0-9]"));
        assertThat(outline).isNotNull();
        assertThat(Operations.isEmpty(Operations.minus(outline, containingOneOf(List.of("mbi")), 200_000))).isFalse();
    }

    /** The shortest text the automaton accepts (one of them), to show what breaks the promise. */
    private static String shortestText(Automaton nfa) {
        Automaton a = Operations.determinize(nfa, 200_000);
        java.util.Map<Integer, String> seen = new java.util.HashMap<>();
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
        seen.put(0, "");
        queue.add(0);
        org.apache.lucene.util.automaton.Transition t = new org.apache.lucene.util.automaton.Transition();
        while (!queue.isEmpty()) {
            int state = queue.poll();
            if (a.isAccept(state)) {
                return seen.get(state);
            }
            int count = a.initTransition(state, t);
            for (int i = 0; i < count; i++) {
                a.getNextTransition(t);
                if (!seen.containsKey(t.dest)) {
                    int c = t.min < ' ' && t.max >= ' ' ? ' ' : t.min;
                    seen.put(t.dest, seen.get(state) + (char) c);
                    queue.add(t.dest);
                }
            }
        }
        return "?";
    }

    /** Texts that hold one of the keywords anywhere, in any case (keywords are matched case-insensitively). */
    private static Automaton containingOneOf(List<String> keywords) {
        StringBuilder regex = new StringBuilder(".*(");
        for (int k = 0; k < keywords.size(); k++) {
            if (k > 0) {
                regex.append('|');
            }
            for (char c : keywords.get(k).toCharArray()) {
                if (Character.isLetter(c) && c < 128) {
                    regex.append('[').append(Character.toLowerCase(c)).append(Character.toUpperCase(c)).append(']');
                } else if (Character.isLetterOrDigit(c)) {
                    regex.append(c);
                } else {
                    regex.append('\\').append(c);
                }
            }
        }
        return new RegExp(regex.append(").*").toString(), RegExp.NONE).toAutomaton();
    }
}
