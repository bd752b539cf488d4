package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MatchStartTest {

    private static final String EMAIL = "(?<![A-Za-z0-9._%+-])(?<!://[^\\s@/:]{0,64}:)[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}"
            + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.){1,4}[A-Za-z]{2,24}(?![A-Za-z0-9-])";
    private static final String[] PATTERNS = {
        EMAIL,
        "(?i)(?<![a-z0-9_])(?:pass(?:word)?|pwd)[ \\t]{0,3}(?:=|:(?=[ \\t\"]))[ \\t]{0,3}(?<value>[^\\s\"&,;]{2,12})",
        "(?<![\\w.-])\\d{3}[- .]?\\d{2}[- .]?\\d{4}(?![\\w]|[.-]\\d)",
        "(?<!x)ab|cd",
        "(?<![a-z])a.b",
    };
    private static final String ALPHABET = "abcdxyAB:-. _@=\"\t0123456789pPaSsWwOoRrDd/%\n\uD83D\uDE00";

    @Test
    void a_match_cannot_start_inside_a_word_or_where_the_outline_dies() {
        MatchStart start = MatchStart.of(Pattern.compile(EMAIL));
        assertThat(start).isNotNull();
        char[] text = "customer maria.chen@example.com: timeout".toCharArray();
        int n = text.length;
        assertThat(start.possible(text, 0, n)).as("'customer' dies at the space").isFalse();
        assertThat(start.possible(text, 10, n)).as("inside 'maria'").isFalse();
        assertThat(start.possible(text, 9, n)).as("the local part's first char").isTrue();
        assertThat(start.possible(text, 9, 20)).as("the region ends before the domain").isFalse();
    }

    @Test
    void a_lookbehind_under_a_top_level_alternation_is_not_taken_for_the_whole_pattern() {
        MatchStart start = MatchStart.of(Pattern.compile("(?<!x)ab|cd"));
        assertThat(start).isNotNull();
        assertThat(start.possible("xcd".toCharArray(), 1, 3)).isTrue();
    }

    @Test
    void a_surrogate_answers_possible() {
        MatchStart start = MatchStart.of(Pattern.compile("(?<![a-z])a.b"));
        assertThat(start).isNotNull();
        char[] text = "a\uD83D\uDE00b".toCharArray();
        assertThat(start.possible(text, 0, text.length)).isTrue();
    }

    @Test
    void every_position_where_the_pattern_matches_is_possible() {
        long seed = Long.getLong("masking.seed", System.nanoTime());
        System.out.println("MatchStartTest seed=" + seed);
        Random r = new Random(seed);
        for (String source : PATTERNS) {
            Pattern p = Pattern.compile(source);
            MatchStart start = MatchStart.of(p);
            assertThat(start).as(source).isNotNull();
            int found = 0;
            for (int i = 0; i < 20_000; i++) {
                String text = randomText(r);
                char[] chars = text.toCharArray();
                int end = text.isEmpty() ? 0 : 1 + r.nextInt(text.length());
                Matcher m = p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                for (int pos = 0; pos < end; pos++) {
                    m.region(pos, end);
                    if (m.lookingAt()) {
                        found++;
                        assertThat(start.possible(chars, pos, end)).as("seed %d, %s at %d in %s", seed, source, pos,
                                text).isTrue();
                    }
                }
            }
            assertThat(found).as(source).isPositive();
        }
    }

    private static String randomText(Random r) {
        String[] pieces = {"password=", "pwd: ", "jane@example.com", "078-05-1120", "a@b.cd", "xab", "cd", "a-b",
            "aXb", " ", "\n", "://u:", "maria.chen"};
        StringBuilder b = new StringBuilder();
        int parts = 1 + r.nextInt(6);
        for (int k = 0; k < parts; k++) {
            if (r.nextBoolean()) {
                b.append(pieces[r.nextInt(pieces.length)]);
            } else {
                for (int c = r.nextInt(6); c > 0; c--) {
                    b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                }
            }
        }
        return b.toString();
    }
}
