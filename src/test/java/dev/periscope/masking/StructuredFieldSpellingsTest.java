package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fields of structured events are masked by name whatever the name's spelling: Java, JavaScript and Go write
 * camelCase, environments SCREAMING_CASE, headers kebab-case.
 */
class StructuredFieldSpellingsTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("orders");

    @ParameterizedTest
    @CsvSource({
        "customerName, Hans Müller",
        "givenName, Maria",
        "streetAddress, 742 Evergreen Terrace",
        "addressLine1, 742 Evergreen Terrace",
        "zipCode, 10115",
        "mobilePhone, 07911 123456",
        "socialSecurityNumber, 401557812",
        "nationalId, X1234567",
        "passportNumber, C03005988",
        "secretAccessKey, Rt/1fjORS+6ilI8ihN5KXSc7Tvo+hBKqFYY+kv5Z",
        "SECRET_KEY, 9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        "privateKey, MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw",
        "signing_key, kq83JHd92kdl20dKJ",
        "dbPass, Xk8pQ2mZr7",
        "X-Api-Key, f5da2cec255404e4fb440034d6608697",
        "cardHolderName, ROBERT J SMITH",
        "driversLicense, D8392047",
        "password1, Hunter2!x",
        "passPhrase, correct horse battery",
        "surName, Smith",
        "birthDay, 1990-01-02",
        "JSessionId, 8f3a9c21ab77",
        "password_temp, Hunter2Secret",
    })
    void a_field_named_in_any_spelling_is_masked(String name, String value) {
        MaskedText masked = masker.mask(strict, Map.of(name, value)).asMap().get(name);

        assertThat(masked.text()).doesNotContain(value);
        assertThat(masked.hits()).isNotEmpty();
    }

    @ParameterizedTest
    @CsvSource({"bypass, true", "object_key, 2024/05/01/8f3a.json", "fileName, report.pdf"})
    void a_field_whose_name_only_resembles_one_is_left_alone(String name, String value) {
        assertThat(masker.mask(strict, Map.of(name, value)).asMap().get(name).text()).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({"server.address, api.partner-bank.eu", "attributes.server.address, db-1.internal",
        "process.env.PWD, /home/runner/work/checkout-api",
        "listen.address, orders-api.internal"})
    void a_host_name_or_working_directory_under_a_name_that_also_means_something_confidential_stays(String name, String value) {
        assertThat(masker.mask(strict, Map.of(name, value)).asMap().get(name).text()).isEqualTo(value);
    }

    @ParameterizedTest
    @CsvSource({"customer.address, 742 Evergreen Terrace", "shipping.address, 1 Infinite Loop"})
    void a_customers_address_is_still_tokenized(String name, String value) {
        assertThat(masker.mask(strict, Map.of(name, value)).asMap().get(name).text()).startsWith("‹address:");
    }

    @ParameterizedTest
    @CsvSource({"trip.destination.address, 221B Baker Street", "order.source.address, 14 Merrion Square North"})
    void a_postal_address_under_a_route_like_name_is_tokenized(String name, String value) {
        assertThat(masker.mask(strict, Map.of(name, value)).asMap().get(name).text()).startsWith("‹address:");
    }

    @ParameterizedTest
    @CsvSource({"credit_card.notes, call back tomorrow", "otp.method, totp", "payment.card.brand, visa",
        "address.country, IE"})
    void a_setting_inside_an_object_a_rule_names_stays(String name, String value) {
        assertThat(masker.mask(strict, Map.of(name, value)).asMap().get(name).text()).isEqualTo(value);
    }
}
