package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldKeyFilterTest {

    private static MaskingRule fieldRule(String... globs) {
        return ShippedMasking.withRulesCompiled("""
                category: pii
                rules:
                  - id: by-name
                    detector:
                      fields: [%s]
                """.formatted(String.join(", ", java.util.Arrays.stream(globs).map(g -> "'" + g + "'").toList())))
                .fieldRules.getFirst();
    }

    private static boolean mayMatch(FieldKeyFilter filter, String key) {
        String text = "{\"" + key + "\": 1}";
        return filter.mayMatch(text, 2, 2 + key.length());
    }

    @Test
    void lets_through_the_keys_a_glob_matches_in_any_case_and_no_other() {
        FieldKeyFilter filter = new FieldKeyFilter(List.of(fieldRule("**.salary", "**.*_email", "ticket.customer_comment")));
        assertThat(mayMatch(filter, "salary")).isTrue();
        assertThat(mayMatch(filter, "employee.SALARY")).isTrue();
        assertThat(mayMatch(filter, "work_email")).isTrue();
        assertThat(mayMatch(filter, "ticket.Customer_Comment")).isTrue();
        assertThat(mayMatch(filter, "customer_comment")).as("the glob names a path").isFalse();
        assertThat(mayMatch(filter, "status")).isFalse();
        assertThat(mayMatch(filter, "salary.currency")).isFalse();
        assertThat(mayMatch(filter, "salary.1")).as("array positions are matched without").isTrue();
        assertThat(mayMatch(filter, "gehalt\u00e4")).as("beyond ASCII the globs decide").isTrue();
    }

    @Test
    void reads_double_stars_as_globs_do_and_turns_every_key_away_without_field_rules() {
        FieldKeyFilter filter = new FieldKeyFilter(List.of(fieldRule("secrets.**", "**.x?")));
        assertThat(mayMatch(filter, "secrets.a.b")).isTrue();
        assertThat(mayMatch(filter, "a.b.xy")).isTrue();
        assertThat(mayMatch(filter, "a.b.xyz")).isFalse();
        assertThat(mayMatch(new FieldKeyFilter(List.of()), "salary")).isFalse();
    }

    @Test
    void agrees_with_the_shipped_field_globs_on_every_key_they_name_and_random_ones() {
        CompiledRules rules = MaskingFixtures.shippedRules();
        List<String> keys = new java.util.ArrayList<>();
        for (MaskingRule rule : rules.fieldRules) {
            for (FieldGlob glob : rule.fields()) {
                String g = glob.glob().replace("**.", "a.b.").replace("**", "x.y").replace("*", "zz").replace("?", "q");
                keys.add(g);
                keys.add(g.toUpperCase(java.util.Locale.ROOT));
                keys.add(g + "s");
                keys.add("pre" + g);
                keys.add(g.substring(g.lastIndexOf('.') + 1));
            }
        }
        java.util.Random random = new java.util.Random(11);
        String alphabet = "abcdeilmnoprstuwy_.-";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder key = new StringBuilder();
            for (int k = 1 + random.nextInt(14); k > 0; k--) {
                key.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            keys.add(key.toString());
        }
        for (String key : keys) {
            // Exclusions only turn names away after the filter let them through: the filter follows the other globs.
            boolean globMatches = rules.fieldRules.stream().flatMap(r -> r.fields().stream())
                    .anyMatch(g -> !g.excluded() && g.matches(key));
            if (key.chars().anyMatch(c -> c >= 128)) {
                // Keys beyond ASCII are always looked up: the filter may let more of them through, never fewer.
                assertThat(mayMatch(rules.fieldKeys, key) || !globMatches).as(key).isTrue();
            } else {
                assertThat(mayMatch(rules.fieldKeys, key)).as(key).isEqualTo(globMatches);
            }
        }
    }

    @Test
    void agrees_with_the_shipped_field_globs_on_keys_with_capitals_dashes_digits_and_positions() {
        // The filter reads a key once and decides on the snake spelling and on array positions from what it saw:
        // keys of every kind of char check that shortcut against the globs themselves.
        CompiledRules rules = MaskingFixtures.shippedRules();
        java.util.Random random = new java.util.Random(17);
        String[] words = {"password", "Password", "API", "Key", "key", "e-mail", "Card", "_number", "salary", "user",
            "name", "Token", "secret", "ip", "x", "a", "B", "0", "1", "42", ".", ".", "-", "_", "T", "2026"};
        for (int i = 0; i < 30_000; i++) {
            StringBuilder key = new StringBuilder();
            for (int k = 1 + random.nextInt(5); k > 0; k--) {
                key.append(words[random.nextInt(words.length)]);
            }
            String name = key.toString();
            String withoutPositions = CompiledRules.withoutPositions(name);
            boolean expected = globsMatch(rules, name) || withoutPositions != null && globsMatch(rules, withoutPositions);
            assertThat(mayMatch(rules.fieldKeys, name)).as(name).isEqualTo(expected);
        }
    }

    private static boolean globsMatch(CompiledRules rules, String key) {
        return rules.fieldRules.stream().flatMap(r -> r.fields().stream()).anyMatch(g -> g.matches(key));
    }

    @Test
    void drops_array_positions_from_a_name_and_gives_nothing_when_no_position_or_nothing_else_is_in_it() {
        assertThat(CompiledRules.withoutPositions("salary.0")).isEqualTo("salary");
        assertThat(CompiledRules.withoutPositions("items.12.price.3")).isEqualTo("items.price");
        assertThat(CompiledRules.withoutPositions("a..1")).isEqualTo("a.");
        assertThat(CompiledRules.withoutPositions("salary")).isNull();
        assertThat(CompiledRules.withoutPositions("10.0.0.1")).isNull();
        assertThat(CompiledRules.withoutPositions("v1.2x")).isNull();
    }
}
