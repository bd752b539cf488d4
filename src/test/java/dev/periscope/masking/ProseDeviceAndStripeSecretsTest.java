package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secrets outside key-value syntax: passwords told in a sentence, network gear configuration, and the magnetic
 * stripe data that card readers dump.
 */
class ProseDeviceAndStripeSecretsTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("support");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "user said my password is hunter2 please reset | hunter2",
        "temporary password set to Winter2024! for bob | Winter2024",
        "login with password Sup3rS3cret failed | Sup3rS3cret",
        "the password for admin is 'changeme123' | changeme123",
        "password for user 'alice' is s3cr3t-Pass. | s3cr3t-Pass",
        "reset: temporary password set to \"Xy7!pQ2z\". | Xy7!pQ2z",
    })
    void a_password_told_in_a_sentence_is_redacted(String line, String password) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(password).contains("[REDACTED:password]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password is incorrect for user admin", "password was changed 3 times",
        "the password is required.", "new password 2 short", "password is too weak"})
    void a_sentence_that_says_how_a_password_went_stays(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "username admin password 0 Cisco123! | Cisco123!",
        "enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0 | hx5rVt7rPNoS4wqbXKX7m0",
        "username jdoe privilege 15 secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0R | nhEmQVczB7dqsO",
        "snmp-server community s3cr3tC0mm RO | s3cr3tC0mm",
        "key-string 7 0822455D0A16 | 0822455D0A16",
    })
    void a_secret_in_network_device_configuration_is_redacted(String line, String secret) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(secret).contains("[REDACTED:password]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "swipe %B4111111111111111^DOE/JOHN^2512101000000000? ok | DOE/JOHN",
        "track2=;4111111111111111=25121010000000000? | 2512101",
    })
    void magnetic_stripe_data_is_redacted_whole(String line, String part) {
        String masked = masker.mask(strict, line).text();

        assertThat(masked).doesNotContain(part).doesNotContain("4111").contains("[REDACTED:card-track]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ratio 1234567890123=20240101 kept", "x^2 + y^2 = 1234567890123456"})
    void digits_around_an_equals_sign_or_a_caret_that_are_no_card_stay(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "enable secret 4 tnhtc92DXBhelxjYk8LWJrPV36S2i4ntXrpb4RFmfqY | tnhtc92DXB",
        "enable password level 15 cisco123 | cisco123",
        "password was reset to Abc12345 by admin | Abc12345",
        "password has been set to Abc12345 | Abc12345",
        "the password is: Abc12345 | Abc12345",
    })
    void more_spellings_of_device_and_prose_passwords_are_redacted(String line, String secret) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(secret);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "stored hash $2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy ok | N9qo8uLOick",
        "user:$6$rounds=5000$saltsalt$qFmFH.bQmmtXzyBY0s9v7Oicd2z4XSIecDzlB5KiA2/jctKu9YterLp8wwnSq.qc.eoxq:19000 "
                + "| qFmFH.bQmm",
        "hash=pbkdf2_sha256$260000$W8aRC3ZjZXhJ$yQaWf0k+OXnvL5R3Jz7tZs8fHcD0fQ8o4lE6aVb3Y2M= | yQaWf0k",
    })
    void a_password_hash_in_a_crypt_format_is_redacted_with_or_without_a_key(String line, String hash) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(hash).contains("[REDACTED:password]");
    }

    @org.junit.jupiter.api.Test
    void dollar_signs_around_digits_in_prose_stay() {
        assertThat(masker.mask(strict, "price $1$ and $5$ each").text()).isEqualTo("price $1$ and $5$ each");
    }
}
