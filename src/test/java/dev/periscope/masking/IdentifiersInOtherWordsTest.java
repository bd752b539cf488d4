package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dates of birth under keys in other languages, passport and insurance numbers told in a sentence, and device ids
 * under a device's key.
 */
class IdentifiersInOtherWordsTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("onboarding");

    @ParameterizedTest
    @CsvSource({
        "applicant.nascimento, 15/12/1997",
        "cliente.fecha_de_nacimiento, 1990-01-02",
        "personne.date_de_naissance, 02/01/1990",
        "kunde.geburtsdatum, 02.01.1990",
        "device.vendor_id, 2ADE51AC-2B96-4409-BCB7-516558A7A687",
    })
    void a_field_named_in_another_language_or_under_a_device_is_masked(String name, String value) {
        MaskedText masked = masker.mask(strict, Map.of(name, value)).asMap().get(name);
        assertThat(masked.text()).startsWith("‹");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "kyc: identity check passed for Sarah, document A69582577 (issuing country FR) | A69582577",
        "traveller passport X56351305 scanned at gate | X56351305",
        "passport no. 123456789 on file | 123456789",
        "drug=atorvastatin 20mg insurance member id HPV680826200 | HPV680826200",
        "mfa: challenge verified for customer 2717960684 device=7B1CE8A8-5825-4DDD-883A-750B7E3EEF35 | 7B1CE8A8",
        "{\"nascimento\":\"15/12/1997\",\"celular\":\"+55 11 95999-7630\"} | 15/12/1997",
    })
    void an_identifier_told_in_a_sentence_or_under_a_key_is_masked(String line, String value) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "document 123456789 uploaded to bucket invoices",
        "document A12345678 rendered in 120 ms",
        "passport-service v2.3.1 started",
        "device=/dev/sda1 mounted, device=cuda:0 ready",
        "insurance quote 42 ready",
        "{\"vendor_id\":\"2ADE51AC-2B96-4409-BCB7-516558A7A687\",\"sku\":\"A-1\"}",
    })
    void a_document_a_device_name_or_a_vendor_stays(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }
}
