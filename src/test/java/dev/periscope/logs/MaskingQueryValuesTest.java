package dev.periscope.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.logs.query.LogFields;
import dev.periscope.logs.store.TermScreen;
import dev.periscope.masking.ShippedMasking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MaskingQueryValuesTest {

    private final MaskingQueryValues values = new MaskingQueryValues(ShippedMasking.service());
    private final TermScreen screen = values.screen();

    @ParameterizedTest
    @ValueSource(strings = {"4111/1111/1111/1111", "4111|1111|1111|1111", "4111:1111:1111:1111", "alice example.com",
        "mail alice/example.com now", "078 05 1123 ssn", "salary 91000", "salary=91000"})
    void a_message_phrase_that_the_analyzer_cuts_into_a_confidential_value_s_words_is_a_probe(String phrase) {
        assertThatThrownBy(() -> values.resolve(LogFields.MESSAGE, phrase))
                .isInstanceOf(QueryProbeRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"timed out", "payment declined for order o-1234", "GET /api/orders 500", "retry 3 of 5",
        "email sent", "salary review done", "lat night deploy", "pass 2", "token 3 expired", "password reset"})
    void ordinary_message_phrases_stay_searchable(String phrase) {
        assertThat(values.resolve(LogFields.MESSAGE, phrase)).isEqualTo(phrase);
    }

    @ParameterizedTest
    @ValueSource(strings = {"salary: [REDACTED:salary], status: ok", "card **** **** **** 1111 declined",
        "hash [HASH:email:0123456789abcdef] seen"})
    void a_phrase_copied_from_masked_results_stays_searchable(String phrase) {
        assertThat(values.resolve(LogFields.MESSAGE, phrase)).isEqualTo(phrase);
    }

    @Test
    void a_phrase_with_a_value_after_a_named_key_and_a_colon_is_a_probe() {
        assertThatThrownBy(() -> values.resolve(LogFields.MESSAGE, "salary: 91000"))
                .isInstanceOf(QueryProbeRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sk_live_4ec39hqlyjwdarjtt1zdp7dc", "akiaz3msjv4wwnkww7gf", "4111111111111111",
        "4bf92f3577b34da6a3ce929d0e0e4736", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "123456789012"})
    void a_message_word_that_reads_as_a_key_a_card_or_an_id_is_not_a_pattern_s_to_find(String word) {
        assertThat(screen.allows(LogFields.MESSAGE, word)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"timeout", "charged", "order", "checkout", "2026", "http2", "e29b", "550e8400",
        "retrying_connection", "1700000000"})
    void ordinary_message_words_short_ids_and_numbers_stay_findable_by_patterns(String word) {
        assertThat(screen.allows(LogFields.MESSAGE, word)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane.doe@example.com", "4111 1111 1111 1111", "AKIAZ3MSJV4WWNKWW7GF"})
    void a_field_value_that_the_content_rules_mask_is_not_a_pattern_s_to_find(String value) {
        assertThat(screen.allows("customer", value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"o-12345", "4bf92f3577b34da6a3ce929d0e0e4736", "checkout", "GET /api/orders"})
    void other_field_values_stay_findable_by_patterns_ids_included(String value) {
        assertThat(screen.allows("trace", value)).isTrue();
    }
}
