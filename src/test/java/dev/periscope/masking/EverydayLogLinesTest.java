package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lines as servers and applications write them every minute, with nothing confidential in them: masking leaves them
 * as they are, so that status codes, offsets, counts and ids stay readable.
 */
class EverydayLogLinesTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("edge");

    @ParameterizedTest
    @ValueSource(strings = {
        "10.0.0.1 - - [22/Nov/2026:10:00:00 +0000] \"GET /api/v1/messages?page=2 HTTP/1.1\" 200 5123",
        "{\"message\":\"kafka offset 123456789 committed\"}",
        "CANCELLED order 9876543 by operator",
        "{\"eventType\":\"AwsApiCall\",\"requestCount\":\"123456789012\"}",
        "consumer message_id=123456789 acked",
        "hotel 1234567 booked",
    })
    void a_number_near_a_phone_word_inside_a_name_a_path_or_a_key_is_no_phone(String line) {
        assertThat(masker.mask(strict, line.replace("10.0.0.1", "host-a")).text())
                .isEqualTo(line.replace("10.0.0.1", "host-a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"call me on 0412 345 678", "Telephone: 0412 345 678", "not answering at 78 651 450",
        "055 590 36 33-Office"})
    void a_number_after_a_phone_word_of_prose_is_still_a_phone(String line) {
        assertThat(masker.mask(strict, line).text()).contains("‹phone:");
    }
}
