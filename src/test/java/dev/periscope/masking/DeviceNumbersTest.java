package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IMEI and IMEISV numbers next to a word that names them, and the digit runs of the same length that are none. */
class DeviceNumbersTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("mobile-api");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "IMEI: 49-015420-323751-8 | 323751",
        "imei 49015420-323751-8 registered | 323751",
        "getImei() returned 490154203237518 | 490154203237518",
        "deviceImei=356938035643809 | 356938035643809",
        "{\"device_imei\":\"356938035643809\"} | 356938035643809",
        "Device registered with IMEI 35 693803 564380 9 on network | 564380",
        "IMEISV: 4901542032375101 | 4901542032375101",
        "imei_sv=35693803564380 01 | 35693803564380",
    })
    void an_imei_or_imeisv_next_to_its_name_is_tokenized_as_a_device(String line, String value) {
        assertThat(masker.mask(strict, line).text()).as(line).doesNotContain(value).contains("‹device:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"order 490154203237518 shipped", "imei 490154203237519 rejected: bad check digit",
        "IMEISV 4901542032375199 reserved", "imei lookup ok ts=4901542032375101", "serial 49-015420-323751-8"})
    void digits_without_the_word_a_bad_check_digit_or_a_reserved_version_stay(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @Test
    void an_imei_in_text_and_in_a_device_field_share_a_token() {
        String inText = masker.mask(strict, "IMEI 49-015420-323751-8").text();
        String inField = masker.mask(strict, java.util.Map.of("imei", "490154203237518")).asMap()
                .get("imei").text();

        assertThat(inText).isEqualTo("IMEI " + inField);
    }
}
