package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fast engine only skips text where its prefilters prove no match can be; it must find exactly what the
 * reference engine (every rule's regex over the whole text) finds, on every corpus we have.
 */
class EngineEquivalenceTest {

    private final CompiledRules rules = MaskingFixtures.shippedRules();
    private final boolean[] active = rules.active("", Set.of());
    private final FastEngine fast = new FastEngine();
    private final ReferenceEngine reference = new ReferenceEngine();

    @Test
    void fast_engine_finds_exactly_the_spans_of_the_reference_engine_on_the_whole_corpus() throws Exception {
        List<String> texts = Corpus.everything();
        // Multi-line events too: the corpus joined in blocks, as a multi-line parser would hand them over.
        for (int i = 0; i + 5 < 2000; i += 5) {
            texts.add(String.join("\n", texts.subList(i, i + 5)));
        }
        List<String> differences = new ArrayList<>();
        long spans = 0;
        for (String text : texts) {
            List<Span> expected = reference.find(rules, text, active, Long.MAX_VALUE);
            spans += expected.size();
            difference(text, expected).ifPresent(d -> differences.add(d + " in text of " + text.length() + " chars"));
        }
        System.out.printf("equivalence: %d texts, %d spans, %d differences%n", texts.size(), spans,
                differences.size());
        assertThat(differences).as("texts where the engines differ").isEmpty();
        assertThat(spans).isGreaterThan(1000);
    }

    @Test
    void a_context_word_counts_exactly_up_to_the_edge_of_its_reach() {
        List<String> texts = new ArrayList<>();
        // The context word moves away from the number one char at a time, before it and after it, across the
        // reach (48 chars before, 16 after for phone-in-context), also split by the number and doubled.
        for (int gap = 0; gap <= 60; gap++) {
            String pad = "x".repeat(gap);
            texts.add("phone " + pad + " 4155550132 done");
            texts.add("id 4155550132 " + pad + " mobile");
            texts.add("Tel" + pad + "4155550132" + pad + "CALL 4155550132");
            texts.add("imei " + pad + " 490154203237518 and ssn " + pad + " 078-05-1120");
            texts.add("pnr " + pad + " 8112189876 ppsn" + pad + "1234567T cpr " + pad + "010190-1234");
            texts.add("imeisv " + pad + " 4901542032375101" + pad + "personnummer");
        }
        assertThat(texts.stream().flatMap(t -> difference(t).stream()).toList()).isEmpty();
        assertThat(texts.stream().filter(t -> !fast.find(rules, t, active, Long.MAX_VALUE).isEmpty()).count())
                .as("texts where a number is found").isBetween(1L, (long) texts.size() - 1);
    }

    @Test
    void digit_groups_and_window_runs_of_every_shape_give_the_spans_of_the_reference_engine() {
        long seed = 20261123L;
        System.out.println("digit groups and window runs: seed " + seed);
        java.util.Random random = new java.util.Random(seed);
        String[] separators = {" ", "-", ".", ":", "  ", " - ", "/", "x", "ab", "T", "(", ")", "+", "", "\n"};
        String[] words = {"phone", "card", "imei", "ssn", "at", "fe80::", "de:ad", "00-1A", "0123.4567", "GB82",
            "WEST", "%eth0", "id", "::1", "pnr", "cpr", "ppsn", "2A", "imeisv"};
        List<String> differences = new ArrayList<>();
        for (int t = 0; t < 20_000; t++) {
            StringBuilder b = new StringBuilder();
            int groups = 1 + random.nextInt(7);
            for (int g = 0; g < groups; g++) {
                if (random.nextInt(5) == 0) {
                    b.append(words[random.nextInt(words.length)]);
                }
                int digits = 1 + random.nextInt(6);
                for (int d = 0; d < digits; d++) {
                    // Now and then a hex letter, as in trace ids and MAC addresses.
                    b.append(random.nextInt(4) == 0 ? (char) ('a' + random.nextInt(6))
                            : (char) ('0' + random.nextInt(10)));
                }
                b.append(separators[random.nextInt(separators.length)]);
            }
            String text = b.toString();
            difference(text).ifPresent(d -> differences.add(text + ": " + d));
        }
        assertThat(differences).as("texts where the engines differ").isEmpty();
    }

    /** How the two engines' spans differ on {@code text}, or empty when they agree. */
    private java.util.Optional<String> difference(String text) {
        return difference(text, reference.find(rules, text, active, Long.MAX_VALUE));
    }

    private java.util.Optional<String> difference(String text, List<Span> r) {
        List<Span> f = fast.find(rules, text, active, Long.MAX_VALUE);
        return f.equals(r) ? java.util.Optional.empty()
                : java.util.Optional.of("fast " + describe(rules, f) + " reference " + describe(rules, r));
    }

    private static String describe(CompiledRules rules, List<Span> spans) {
        return spans.stream().map(s -> rules.content[s.rule()].id() + "[" + s.start() + "," + s.end() + ")")
                .toList().toString();
    }
}
