package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLoaderTest {

    private final RuleLoader loader = new RuleLoader(MaskingFixtures.validators());

    @Test
    void ships_at_least_one_hundred_rules_in_four_categories() throws Exception {
        RuleSet set = loader.load(MaskingFixtures.rulesDirectory());
        assertThat(set.rules()).hasSizeGreaterThanOrEqualTo(100);
        assertThat(set.countByCategory()).containsKeys("pii", "financial", "network", "secrets");
    }

    @Test
    void refuses_a_file_with_a_yaml_error_naming_file_and_line(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), """
                category: pii
                rules:
                  - id: ok
                    detector:
                      pattern: 'abc'
                      keywords: [abc]
                  - id: broken
                    detector: [unclosed
                """);
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> {
                    assertThat(e.file()).isEqualTo("broken.yaml");
                    assertThat(e.line()).isGreaterThanOrEqualTo(8);
                });
    }

    @Test
    void refuses_an_empty_or_comment_only_file_instead_of_loading_it_as_no_rules(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("a.yaml"), """
                category: pii
                rules:
                  - id: ok
                    detector:
                      pattern: 'abc'
                      keywords: [abc]
                """);
        Files.writeString(dir.resolve("b.yaml"), "# being written\n");
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> {
                    assertThat(e.file()).isEqualTo("b.yaml");
                    assertThat(e.getMessage()).contains("empty");
                });
        Files.writeString(dir.resolve("b.yaml"), "");
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(RuleLoadException.class);
    }

    @Test
    void refuses_a_rule_set_without_any_rule(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "category: pii\nrules: []\n");
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOfSatisfying(RuleLoadException.class,
                        e -> assertThat(e.getMessage()).contains("no rules in any file"));
    }

    @Test
    void refuses_a_pattern_that_could_backtrack_without_bound(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("slow.yaml"), """
                category: secrets
                rules:
                  - id: slow
                    detector:
                      pattern: '(a+)+b'
                      keywords: [a]
                """);
        assertThatThrownBy(() -> loader.load(dir))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> {
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.reason()).contains("unbounded quantifier");
                });
    }

    @Test
    void takes_a_gate_on_a_digit_rule_and_refuses_one_on_a_keyword_rule(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("g.yaml"), """
                category: pii
                rules:
                  - id: intl
                    detector:
                      pattern: '\\+\\d{7,12}'
                      digits: 7
                      before: 1
                      gate: '\\+'
                """);
        assertThat(loader.load(dir).rules().getFirst().content().digits().gate()).isNotNull();
        Files.writeString(dir.resolve("g.yaml"), """
                category: pii
                rules:
                  - id: kw
                    detector:
                      pattern: 'abc'
                      keywords: [abc]
                      gate: 'a'
                """);
        assertThatThrownBy(() -> loader.load(dir)).hasMessageContaining("g.yaml:7")
                .hasMessageContaining("a gate belongs to a 'window' or 'digits' prefilter");
    }

    @Test
    void refuses_an_unknown_validator_and_an_unknown_key(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), """
                category: pii
                rules:
                  - id: x
                    detector:
                      pattern: 'x'
                      keywords: [x]
                      validator: nope
                """);
        assertThatThrownBy(() -> loader.load(dir)).hasMessageContaining("a.yaml:7").hasMessageContaining("nope");
        Files.writeString(dir.resolve("a.yaml"), """
                category: pii
                rules:
                  - id: x
                    colour: red
                    detector:
                      pattern: 'x'
                """);
        assertThatThrownBy(() -> loader.load(dir)).hasMessageContaining("a.yaml:4").hasMessageContaining("colour");
    }

    @Test
    void refuses_a_scope_for_numbers_under_other_keys_that_it_does_not_know(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), """
                category: pii
                rules:
                  - id: x
                    detector:
                      pattern: '\\d{10}'
                      digits: 10
                      skip-under-other-keys: true
                """);
        assertThatThrownBy(() -> loader.load(dir)).hasMessageContaining("a.yaml:7")
                .hasMessageContaining("keys or keys-and-words");
    }

    @Test
    void refuses_a_text_value_on_a_content_rule_and_reads_it_on_a_field_rule(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), """
                category: pii
                rules:
                  - id: x
                    detector:
                      pattern: 'x'
                      keywords: [x]
                      text-value: words
                """);
        assertThatThrownBy(() -> loader.load(dir)).hasMessageContaining("a.yaml:7")
                .hasMessageContaining("'text-value' applies to field rules only");
        Files.writeString(dir.resolve("a.yaml"), """
                category: pii
                rules:
                  - id: x
                    detector:
                      fields: ['**.full_name']
                      text-value: words
                  - id: y
                    detector:
                      fields: ['**.nick']
                """);
        assertThat(loader.load(dir).rules()).extracting(MaskingRule::textValue)
                .containsExactly(MaskingRule.TextValue.WORDS, MaskingRule.TextValue.WORD);
    }

    @Test
    void every_shipped_pattern_passes_the_backtracking_check() throws Exception {
        for (MaskingRule r : loader.load(MaskingFixtures.rulesDirectory()).rules()) {
            if (r.content() != null) {
                assertThat(PatternSafety.check(r.content().pattern().pattern())).as(r.id()).isEmpty();
            }
        }
    }

    @Test
    void an_excluded_glob_keeps_a_name_out_of_a_rule_and_a_rule_of_exclusions_only_is_refused() throws Exception {
        CompiledRules rules = ShippedMasking.withRulesCompiled("""
                category: pii
                rules:
                  - id: address-field
                    detector: {fields: ['**.address', '!**.server.address']}
                    action: redact
                """);
        assertThat(rules.fieldRulesFor("customer.address")).hasSize(1);
        assertThat(rules.fieldRulesFor("server.address")).isEmpty();
        assertThat(rules.fieldRulesFor("otel.server.address")).isEmpty();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ShippedMasking.withRulesCompiled("""
                category: pii
                rules:
                  - id: nothing
                    detector: {fields: ['!**.server.address']}
                    action: redact
                """)).hasMessageContaining("no glob that is not excluded");
    }

    @Test
    void matches_field_globs_across_nested_segments() {
        FieldGlob g = FieldGlob.of("**.password");
        assertThat(g.matches("password")).isTrue();
        assertThat(g.matches("db.Password")).isTrue();
        assertThat(g.matches("a.b.password")).isTrue();
        assertThat(g.matches("password_hint")).isFalse();
        assertThat(FieldGlob.of("user.*").matches("user.email")).isTrue();
        assertThat(FieldGlob.of("user.*").matches("user.address.street")).isFalse();
    }

    @Test
    void matches_field_globs_in_camel_screaming_and_kebab_case_spellings_of_the_same_words() {
        FieldGlob name = FieldGlob.of("**.customer_name");
        assertThat(List.of("customerName", "CustomerName", "CUSTOMER_NAME", "customer-name", "order.customerName"))
                .allMatch(name::matches);
        assertThat(name.matches("customername")).isFalse();
        FieldGlob pass = FieldGlob.of("**.*_pass");
        assertThat(List.of("dbPass", "DB_PASS", "adminPass")).allMatch(pass::matches);
        assertThat(pass.matches("bypass")).isFalse();
        assertThat(FieldGlob.of("**.api_key").matches("APIKey")).isTrue();
        assertThat(FieldGlob.of("**.x-api-key").matches("X-Api-Key")).isTrue();
        assertThat(FieldGlob.snake("addressLine1")).isEqualTo("address_line1");
        assertThat(FieldGlob.snake("line2Address")).isEqualTo("line2_address");
        assertThat(FieldGlob.snake("userID")).isEqualTo("user_id");
        assertThat(FieldGlob.snake("plain.name")).isEqualTo("plain.name");
    }
}
