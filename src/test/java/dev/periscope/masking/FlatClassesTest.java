package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlatClassesTest {

    private static final Pattern CLASS = Pattern.compile("\\[(?:\\\\.|[^\\]\\\\])*\\]");

    @Test
    void every_class_of_every_shipped_rule_holds_the_same_characters_flattened() {
        int flattened = 0;
        for (MaskingRule rule : MaskingFixtures.shippedRules().content) {
            Pattern pattern = rule.content().pattern();
            assertThat(FlatClasses.of(pattern).flags()).isEqualTo(pattern.flags());
            Matcher m = CLASS.matcher(pattern.pattern());
            while (m.find()) {
                Pattern original;
                try {
                    original = Pattern.compile(m.group(), pattern.flags());
                } catch (RuntimeException e) {
                    continue; // not a class on its own (inside a quote or a larger class)
                }
                String flat = FlatClasses.flatten(m.group(), pattern.flags());
                flattened += flat.equals(m.group()) ? 0 : 1;
                Pattern rewritten = Pattern.compile(flat, pattern.flags());
                // Every character up to U+02FF, then a sample, and the two that fold to ASCII letters (long s, Kelvin).
                for (int c = 0; c < 0x10000; c = c < 0x300 ? c + 1 : c + 37) {
                    sameFor(original, rewritten, (char) c, rule.id());
                }
                sameFor(original, rewritten, '\u017f', rule.id());
                sameFor(original, rewritten, '\u212a', rule.id());
            }
        }
        assertThat(flattened).as("classes of ranges rewritten").isGreaterThan(100);
    }

    private static void sameFor(Pattern original, Pattern rewritten, char c, String rule) {
        String s = String.valueOf(c);
        assertThat(rewritten.matcher(s).matches()).as("U+%04X in %s of %s", (int) c, original, rule)
                .isEqualTo(original.matcher(s).matches());
    }

    @Test
    void lists_the_characters_of_ascii_ranges_and_shorthands() {
        assertThat(FlatClasses.flatten("[a-c_-]", 0)).isEqualTo("[\\x2d\\x5f\\x61\\x62\\x63]");
        assertThat(FlatClasses.flatten("x[^\\d.]y", 0)).isEqualTo("x[^\\x2e\\x30\\x31\\x32\\x33\\x34\\x35\\x36\\x37\\x38\\x39]y");
        assertThat(FlatClasses.flatten("[abc]", 0)).as("single characters are one table already").isEqualTo("[abc]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[a-z&&[def]]", "[\\p{L}a-z]", "[a-z-0]", "[\\w-.]", "[]a-z]", "[é-ü]", "[\\Da-z]",
        "\\[a-z]", "\\Q[a-z]\\E", "(?x)[a-z ]", "a\\\\(?x)[ a-c]", "(?u)[a-z]", "(?U)[\\w]"})
    void leaves_what_it_does_not_fully_understand_as_written(String regex) {
        String flat = FlatClasses.flatten(regex, 0);
        assertThat(flat.contains("\\x")).as(flat).isFalse();
    }

    @Test
    void leaves_patterns_whose_flags_change_classes_or_spaces_as_written() {
        for (int flags : new int[] {Pattern.COMMENTS, Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE,
            Pattern.UNICODE_CHARACTER_CLASS}) {
            assertThat(FlatClasses.flatten("[a-z]+", flags)).isEqualTo("[a-z]+");
        }
        assertThat(FlatClasses.flatten("[a-z]+", Pattern.CASE_INSENSITIVE)).startsWith("[\\x61");
    }
}
