package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where a key meets a sentence: a key announced in prose ("API key created for ...: <key>") is masked, and the words
 * around it stay.
 */
class KeysInProseAndNamesOfThingsTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingService reference = MaskingFixtures.service(new ReferenceEngine());
    private final MaskingContext strict = MaskingContext.strict("auth");

    private String mask(String line) {
        return masker.mask(strict, line).text();
    }

    /** The line masked, without {@code value}, and as the reference engine masks it. */
    private String maskedWithout(String line, String value) {
        String masked = mask(line);
        assertThat(masked).doesNotContain(value).isEqualTo(reference.mask(strict, line).text());
        return masked;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "API key created for x@y.com: aNMz5UmazsU5iVO20epFduuqSSVE169OlyQ2wOdV (scopes=read,write) "
                + "| aNMz5UmazsU5iVO20epFduuqSSVE169OlyQ2wOdV",
        "Generated secret for service billing: Zq8mN3vL5xR2tK9wP4yB7cF1hJ6dG0sA | Zq8mN3vL5xR2tK9wP4yB7cF1hJ6dG0sA",
        "New access token issued to bob: kT9vX2mQ7rL4pZ8wN3yB6cF1hJ5dG0sAeR | kT9vX2mQ7rL4pZ8wN3yB6cF1hJ5dG0sAeR",
        "Rotated signing key for tenant acme: 'r8Kq2VxN5mZt7Lw3Pj9Hc4Bd' | r8Kq2VxN5mZt7Lw3Pj9Hc4Bd",
    })
    void a_key_announced_in_a_sentence_before_a_colon_is_redacted(String line, String key) {
        assertThat(maskedWithout(line, key)).contains("[REDACTED:secret]");
    }

    @Test
    void the_words_after_an_announced_key_stay() {
        assertThat(mask("API key created for x@y.com: aNMz5UmazsU5iVO20epFduuqSSVE169OlyQ2wOdV (scopes=read,write)"))
                .startsWith("API key created for ‹email:").endsWith(": [REDACTED:secret] (scopes=read,write)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"API key: not set", "token: expired", "Token for request: 4bf92f3577b34da6a3ce929d0e0e4736",
        "token refresh failed: connection reset by peer", "secret rotation: done in 1234ms",
        "API key lookup took too long: 1500ms", "secret scan finished: 0 findings in 4821 files",
        "API key for ci: ops_eyJzaWduSW5B..[Redacted]"})
    void a_status_a_measure_an_id_or_a_key_another_tool_cut_short_after_such_a_phrase_stays(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }
}
