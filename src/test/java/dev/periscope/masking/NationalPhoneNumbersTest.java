package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** European national phone numbers, written in space-separated groups after the trunk 0, with no word nearby. */
class NationalPhoneNumbersTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("support");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Rappel client au 06 12 34 56 78 demain | 06 12 34 56 78",
        "customer mobile 07700 900123 | 07700 900123",
        "landline 020 7946 0958 | 020 7946 0958",
        "Kunde 0151 23456789 erreicht | 0151 23456789",
        "callback requested: 0161 496 0000 | 0161 496 0000",
    })
    void a_number_in_groups_after_the_trunk_zero_is_tokenized(String line, String phone) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(phone).contains("‹phone:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"offsets 0000 0001 0002", "queue depth 0 12 34 56 78 90", "ids 01 02 03 04 05 06 07",
        "hexdump 00000010  48 65 6c 6c", "retries 0 1 2 3", "version 0.12.3 build 0456 789"})
    void runs_of_small_numbers_and_zeros_stay(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tel: +49 2041 12 34 56", "Kontakt: +49 2051 10 20 30", "phone: +44 1904 12 34 56"})
    void a_number_with_a_country_code_and_an_area_code_that_reads_as_a_year_is_still_a_phone(String line) {
        assertThat(masker.mask(strict, line).text()).contains("‹phone:").doesNotContain(" 12 34 56")
                .doesNotContain("10 20 30");
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000010  01 23 45 67 89 ab cd ef", "counts 05 10 20 30 40 done",
        "scheduled 01 02 03 04 05"})
    void rows_of_a_dump_or_a_table_stay(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }
}
