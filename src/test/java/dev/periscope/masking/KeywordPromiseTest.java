package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast engine reads a keyword rule only around its keywords, trusting that every match holds one of them
 * ({@code example-custom.yaml}). A rule whose keywords only stand near its matches finds nothing there, while the
 * reference engine finds them. The loader refuses such a rule ({@link KeywordPromise}); checked here on each shipped
 * rule's outline, and on a custom rule file.
 */
class KeywordPromiseTest {

    @Test
    void every_match_of_a_shipped_keyword_rule_holds_one_of_its_keywords() {
        CompiledRules rules = MaskingFixtures.shippedRules();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (MaskingRule rule : rules.content) {
            List<String> keywords = rule.content().keywords();
            if (keywords.isEmpty() || PatternOutline.widened(rule.content().pattern()) == null) {
                continue;
            }
            checked++;
            KeywordPromise.brokenBy(rule.content().pattern(), keywords)
                    .ifPresent(text -> broken.add(rule.id() + ": " + text));
        }
        assertThat(broken).as("keyword rules with matches that hold none of their keywords").isEmpty();
        assertThat(checked).as("keyword rules with an outline").isGreaterThan(100);
    }

    @Test
    void a_rule_whose_keyword_only_stands_before_its_match_breaks_the_promise() {
        assertThat(KeywordPromise.brokenBy(Pattern.compile("(?<=mbi )[0-9][A-Z]{2}[0-9]"), List.of("mbi")))
                .hasValueSatisfying(text -> assertThat(text).doesNotContainIgnoringCase("mbi"));
    }

    @Test
    void a_keyword_inside_every_match_in_any_case_keeps_the_promise() {
        assertThat(KeywordPromise.brokenBy(Pattern.compile("(?i)emp-[0-9]{6}"), List.of("emp-"))).isEmpty();
        assertThat(KeywordPromise.brokenBy(Pattern.compile("(?:token|key)=[a-z0-9]{8}"), List.of("token", "key")))
                .isEmpty();
    }

    @Test
    void a_custom_rule_file_with_such_a_rule_is_refused_with_its_line_and_an_example(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("custom.yaml"), """
                rules:
                  - id: member-id
                    category: pii
                    detector:
                      pattern: '(?<=member )[0-9]{8}'
                      keywords: [member]
                """);
        assertThatThrownBy(() -> new RuleLoader(MaskingFixtures.validators()).load(dir))
                .isInstanceOf(RuleLoadException.class)
                                .hasMessageContaining("custom.yaml:6:")
                .hasMessageContaining("rule member-id: the pattern can match text that holds none of its keywords")
                .hasMessageContaining("'context'");
    }
}
