package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RegionGateTest {

    private static final String[] GATES = {"::|(?:[0-9A-Fa-f]{1,4}:){6}", "\\+|00", "a{2,}?b", "x+?y", "[ab]-c",
        "(?:ab|c)d?e", "\\d{3}[.-]\\d",
        "[0-9](?:[^0-9A-Za-z_.-]|[.-][^0-9])", "[ .()-]{2}", "é+x", "[^a-z]ж"};
    /** ASCII and beyond: characters past 127 take another path through the automaton's table. */
    private static final String ALPHABET = "ab:cdexy+-.0123456789fAF _()Zé€\u00a0ж";

    @Test
    void gates_written_in_the_shared_syntax_run_as_automata() {
        for (String g : GATES) {
            assertThat(new RegionGate(Pattern.compile(g)).compiled()).as(g).isTrue();
        }
    }

    @Test
    void gates_outside_the_shared_syntax_fall_back_to_the_regex() {
        for (String g : new String[] {"(?<!a)b", "\\bword\\b", "a.b", "[^]a]b", "^ab", "(?i)ab"}) {
            RegionGate gate = new RegionGate(Pattern.compile(g));
            assertThat(gate.compiled()).as(g).isFalse();
        }
        assertThat(new RegionGate(Pattern.compile("(?i)ab")).open("xAB", 0, 3)).isTrue();
    }

    @Test
    void the_automaton_opens_exactly_where_the_regex_finds_something() {
        long seed = Long.getLong("masking.seed", System.nanoTime());
        System.out.println("RegionGateTest seed=" + seed);
        Random r = new Random(seed);
        for (String g : GATES) {
            Pattern p = Pattern.compile(g);
            RegionGate gate = new RegionGate(p);
            for (int i = 0; i < 20_000; i++) {
                StringBuilder b = new StringBuilder();
                int len = r.nextInt(24);
                for (int j = 0; j < len; j++) {
                    b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                }
                String text = b.toString();
                int from = len == 0 ? 0 : r.nextInt(len);
                int to = from + (len == from ? 0 : r.nextInt(len - from + 1));
                // A region that reaches the end of the text sees one line break after it.
                boolean expected = to == len ? p.matcher(text + "\n").region(from, to + 1).find()
                        : p.matcher(text).region(from, to).find();
                assertThat(gate.open(text, from, to)).as("gate %s on [%s] %d..%d (seed %d)", g, text, from, to, seed)
                        .isEqualTo(expected);
            }
        }
    }
}
