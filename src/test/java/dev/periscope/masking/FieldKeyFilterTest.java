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
    void lets_through_keys_whose_last_segment_a_glob_can_end_with_in_any_case() {
        FieldKeyFilter filter = new FieldKeyFilter(List.of(fieldRule("**.salary", "**.*_email", "ticket.customer_comment")));
        assertThat(mayMatch(filter, "salary")).isTrue();
        assertThat(mayMatch(filter, "employee.SALARY")).isTrue();
        assertThat(mayMatch(filter, "work_email")).isTrue();
        assertThat(mayMatch(filter, "customer_comment")).as("the full glob decides about the path").isTrue();
        assertThat(mayMatch(filter, "status")).isFalse();
        assertThat(mayMatch(filter, "salary.currency")).isFalse();
        assertThat(mayMatch(filter, "gehalt\u00e4")).as("beyond ASCII the globs decide").isTrue();
    }

    @Test
    void lets_every_key_through_for_a_glob_ending_in_a_double_star_and_none_without_field_rules() {
        assertThat(mayMatch(new FieldKeyFilter(List.of(fieldRule("secrets.**"))), "anything")).isTrue();
        assertThat(mayMatch(new FieldKeyFilter(List.of()), "salary")).isFalse();
    }
}
