package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PatternOutlineTest {

    private static final String[] PATTERNS = {
        "(?<![\\w.-])\\d{3}[- .]?\\d{2}[- .]?\\d{4}(?![\\w]|[.-]\\d)",
        "(?i)(?<![a-z0-9_])(?:pass(?:word)?|pwd)[ \\t]{0,3}(?:=|:(?=[ \\t\"]))[ \\t]{0,3}(?<value>[^\\s\"&,;]{2,12})",
        "(?<![0-9A-Fa-f]|[0-9A-Fa-f][:.-])(?:[0-9A-Fa-f]{2}[:-]){2}[0-9A-Fa-f]{2}(?![0-9A-Fa-f])",
        "\\b(?:born|dob)\\s{0,3}:?\\s{0,3}(?<value>\\d{1,2}[./]\\d{1,2})",
        "(?:\\+|00)[1-9]\\d{0,2}(?:[ .-]?\\(0?\\d{1,4}\\)|[ .-]?\\d{1,5}+){1,3}",
        "[A-Za-z]{2}\\d{2}(?:[ -]?[A-Za-z0-9]{4}){1,3}",
        "a.{1,3}?b|^c$",
        "[]a-]x|[^]b]y",
    };
    private static final String ALPHABET = "abcxyAB:-. _()+=\"\t0123456789pPaSsWwOoRrDdbornBORN/@\n";

    @Test
    void almost_every_shipped_rule_gets_an_outline() {
        CompiledRules rules = MaskingFixtures.shippedRules();
        // The few without one are gated by keywords that rarely occur (a command's name, "IDENTIFIED BY", "name:"
        // or "holder=" before a capital, a role word, a title, an action's verb, " <" or an email after a name, the
        // word for a payslip or a passport before a file name, the kanji or hangul of a region in an address), or
        // match across lines; the hot rules (password-key, secret-key, email, cards) all have one.
        assertThat(rules.outlineCount()).isGreaterThanOrEqualTo(rules.content.length - 16L);
        for (int i = 0; i < rules.content.length; i++) {
            if (List.of("password-key", "secret-key", "email", "payment-card").contains(rules.content[i].id())) {
                assertThat(PatternOutline.of(rules.content[i].content().pattern())).as(rules.content[i].id())
                        .isNotNull();
            }
        }
    }

    @Test
    void syntax_it_does_not_know_gives_no_outline() {
        // The last one holds a character outside the BMP, which the char-fed automaton would never see whole.
        for (String p : new String[] {"(a)\\1", "\\p{L}+x", "[a-z&&[^x]]", "a(?i)b", "\\Qa.b\\E", "\\x{41}",
            "key=\uD83D\uDE00\\d+"}) {
            assertThat(PatternOutline.of(Pattern.compile(p))).as(p).isNull();
        }
    }

    @Test
    void hex_escapes_and_ranges_that_start_with_a_symbol_are_read_as_written() {
        RegionGate outline = PatternOutline.of(Pattern.compile("[^\\x00-\\x7f]x\\x3d"));
        assertThat(outline).isNotNull();
        assertThat(outline.open("caf\u00e9x=", 0, 6)).isTrue();
        assertThat(outline.open("cafex=", 0, 6)).isFalse();
        assertThat(outline.open("caf\u00e9x-", 0, 6)).isFalse();
        RegionGate symbols = PatternOutline.of(Pattern.compile("[!-/]x"));
        assertThat(symbols).isNotNull();
        assertThat(symbols.open("a#x", 0, 3)).isTrue();
        assertThat(symbols.open("a0x", 0, 3)).isFalse();
    }

    @Test
    void the_outline_rejects_text_without_the_pattern_shape() {
        RegionGate outline = PatternOutline.of(Pattern.compile(PATTERNS[0]));
        assertThat(outline).isNotNull();
        assertThat(outline.open("2026-11-22T10:00:00Z", 0, 20)).isFalse();
        assertThat(outline.open("ssn 078-05-1120 x", 0, 17)).isTrue();
    }

    @Test
    void the_outline_opens_wherever_the_pattern_finds_a_match() {
        long seed = Long.getLong("masking.seed", System.nanoTime());
        System.out.println("PatternOutlineTest seed=" + seed);
        Random r = new Random(seed);
        for (String source : PATTERNS) {
            Pattern p = Pattern.compile(source);
            RegionGate outline = PatternOutline.of(p);
            assertThat(outline).as(source).isNotNull();
            int found = 0;
            for (int i = 0; i < 30_000; i++) {
                String text = randomText(r, source);
                int len = text.length();
                int from = len == 0 ? 0 : r.nextInt(len);
                int to = from + (len == from ? 0 : r.nextInt(len - from + 1));
                Matcher m = p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false).region(from, to);
                if (m.find()) {
                    found++;
                    assertThat(outline.open(text, from, to)).as("outline of %s on [%s] %d..%d (seed %d)", source,
                            text, from, to, seed).isTrue();
                }
            }
            assertThat(found).as("random texts matching %s", source).isGreaterThan(0);
        }
    }

    /** Random characters, with pieces of the pattern's own literals planted so that matches happen. */
    private static String randomText(Random r, String source) {
        String[] planted = {"078-05-1120", "password=abc", "PWD: x1", "0a:1b:2c", "dob 1.2", "+44 20 7946",
            "DE89 3704 0044", "a  b", "c", "]x", "ay", "axb"};
        StringBuilder b = new StringBuilder();
        int len = r.nextInt(28);
        for (int j = 0; j < len; j++) {
            if (r.nextInt(12) == 0) {
                b.append(planted[r.nextInt(planted.length)]);
            } else {
                b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
        }
        return b.toString();
    }
}
