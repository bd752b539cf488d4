package dev.periscope.masking;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The rules read from one rules directory, in file order. */
record RuleSet(List<MaskingRule> rules) {

    RuleSet {
        rules = List.copyOf(rules);
    }

    Map<String, Long> countByCategory() {
        Map<String, Long> m = new TreeMap<>();
        rules.forEach(r -> m.merge(r.category(), 1L, Long::sum));
        return m;
    }
}
