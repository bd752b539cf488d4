package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Error messages that quote the value they refused, and records logged as escaped JSON. */
class ErrorMessagesWithValuesTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("signup");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Field error in object 'req' on field 'iban': rejected value [DE44 5001 0517 5407 3249 32]; codes [ValidIban] "
                + "| 5407 3249",
        "Field error in object 'req' on field 'dateOfBirth': rejected value [2009-07-30]; codes [Adult] | 2009-07-30",
        "Field error in object 'req' on field 'cardNumber': rejected value [4539 1043 3218 1968]; codes [x] | 3218",
    })
    void a_value_that_spring_rejected_under_a_confidential_field_is_masked_and_the_words_stay(String line,
            String value) {
        String masked = masker.mask(strict, line).text();

        assertThat(masked).doesNotContain(value).contains("rejected value [").contains("]; codes [");
    }

    @Test
    void a_value_spring_rejected_under_an_ordinary_field_stays() {
        String line = "Field error in object 'x' on field 'quantity': rejected value [-1]; codes [Min]";
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @Test
    void an_object_under_a_key_in_escaped_json_is_masked_up_to_its_closing_brace_only() {
        String line = "record=\"{\\\"id\\\":\\\"cus_1\\\",\\\"address\\\":{\\\"city\\\":\\\"Dublin\\\","
                + "\\\"line1\\\":\\\"14 Merrion Square\\\"},\\\"created\\\":1763890001}\" status=200 duration_ms=41";

        String masked = masker.mask(strict, line).text();

        assertThat(masked).doesNotContain("Merrion").contains("\\\"address\\\":‹address:")
                .endsWith(",\\\"created\\\":1763890001}\" status=200 duration_ms=41");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Passport No: C01X00T47 | C01X00T47", "ID card number: L01X00T47 | L01X00T47",
        "Tax ID: 12-3456789 | 3456789"})
    void a_national_id_after_a_label_written_in_words_is_tokenized(String line, String value) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(value).contains("‹national-id:");
    }
}
