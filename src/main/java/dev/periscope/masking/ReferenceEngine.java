package dev.periscope.masking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The simple engine the fast one is measured against: every active rule's pattern runs over the whole text with
 * {@code java.util.regex}, one rule after the other, and each match goes through the rule's validator.
 */
final class ReferenceEngine implements SpanFinder {

    @Override
    public List<Span> find(CompiledRules rules, String text, boolean[] active, long deadline) {
        List<Span> out = new ArrayList<>();
        int[] span = new int[2];
        for (int i = 0; i < rules.content.length; i++) {
            if (!active[i]) {
                continue;
            }
            if (System.nanoTime() > deadline) {
                throw new MaskingBudgetExceededException();
            }
            Matcher m = rules.content[i].content().pattern().matcher(text);
            while (m.find()) {
                if (rules.accept(i, text, m, span)) {
                    out.add(new Span(span[0], span[1], i));
                }
            }
        }
        Collections.sort(out);
        return out;
    }
}
