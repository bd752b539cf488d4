package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keys of secrets as configuration and environment dumps spell them: with an environment or a number after the
 * secret word, or a service's name in front of "pass" or "key".
 */
class SecretKeySpellingsTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("ops");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SECRET_KEY_BASE=5534c2b7a0e94f4f9d6b1c2e3f4a5b6c7d8e9f00112233445566778899aabbcc | 5534c2b7a0e9",
        "DB_PASSWORD_PROD=k8Lz2QmXw9 | k8Lz2QmXw9",
        "API_KEY_2=Zx81Lq0Pw7Ty3Nm5Vb2c | Zx81Lq0Pw7Ty3Nm5Vb2c",
        "password1=Hunter2!x | Hunter2!x",
        "VAULT_SECRET_ID=6a1b2c3d-4e5f-4a79-9bcd-e7f3a1c9d2b8 | 6a1b2c3d-4e5f",
        "dbPass=Xk8pQ2mZr7Lw | Xk8pQ2mZr7Lw",
        "adminPass: \"Adm1n!Pass\" | Adm1n!Pass",
        "SMTP_PASS=m41lP4ss | m41lP4ss",
        "hmacKey=3f2a9c1e7b4d4e8a9c211d2e | 3f2a9c1e7b4d",
        "jwtKey=Zq8Wm2Lp5Tx9Rb3Nc7Vd | Zq8Wm2Lp5Tx9",
        "stripeKey: rk_9dK2mQp8Lx3Vz7Tb | rk_9dK2mQp8Lx3Vz7Tb",
    })
    void a_secret_under_a_key_spelt_with_a_suffix_or_a_service_name_is_redacted(String line, String secret) {
        String masked = masker.mask(strict, line).text();

        assertThat(masked).doesNotContain(secret).contains("[REDACTED:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cache bypass=true", "compass=north", "verify_key=public"})
    void a_key_that_only_contains_such_a_word_keeps_its_value(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }
}
