package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One-time codes as SMS gateways, identity providers and applications log them: masked by the words around them,
 * while the many other codes of a log (exit, status, error and zip codes) stay readable.
 */
class OneTimeCodesAndLinkTokensTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingService reference = MaskingFixtures.service(new ReferenceEngine());
    private final MaskingContext strict = MaskingContext.strict("auth");

    private String mask(String line) {
        return masker.mask(strict, line).text();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Sending verification code 175166 to +1 415 555 0134 | 175166",
        "MFA code 287262 sent | 287262",
        "Your code is 482913 | 482913",
        "2FA code: 4821 | 4821",
        "Your security code is 55123901. | 55123901",
        "Your verification code for Acme is 482913 | 482913",
        "OTP for login: 123456 | 123456",
        "otp is 650121 | 650121",
        "one-time code sent: 90817 | 90817",
        "{\"to\":\"+14155550134\",\"body\":\"Your Acme verification code is 482913\"} | 482913",
        "To=%2B14155550134&From=%2B14155550100&Body=Your+code+is+482913 | 482913",
        "text=Hello%20Your%20code%20is%20482913 | 482913",
        "482913 is your Acme verification code. Don't share it. | 482913",
        "G-123456 is your Google verification code | 123456",
        "Use 482913 as your login code. | 482913",
    })
    void a_one_time_code_named_by_its_words_is_redacted(String line, String code) {
        String masked = mask(line);

        assertThat(masked).doesNotContain(code).contains("[REDACTED:pin]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /auth/verify?user=42&code=689690 HTTP/1.1", "POST /mfa?code=4821",
        "redirect /2fa/check?remember=1&amp;code=82910372"})
    void a_short_numeric_code_parameter_of_a_query_string_is_redacted(String line) {
        assertThat(mask(line)).contains("code=[REDACTED:pin]").doesNotContainPattern("code=\\d");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Process exited with exit code 137", "upstream returned status code 503",
        "mysql error code 1045: Access denied", "HTTP code 200 from backend", "command finished, return code 0",
        "GET /health?code=200", "payment declined reason code 42", "diff touches code 1234 lines",
        "applied promo code SUMMER25", "waiting for code review", "level=error code=1045 msg=denied",
        "verification code sent to user 48291", "verification code expired after 12345 ms",
        "1045 is the MySQL error code", "10001 is your zip code", "MFA enrollment for 12345 users",
        "2FA enabled for 4821 accounts", "otp=disabled", "GET /errors?code=500&lang=en"})
    void other_codes_and_numbers_near_the_words_of_a_code_stay(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }

    @Test
    void a_zip_code_is_no_one_time_code() {
        // An address rule may take the number; this one does not.
        assertThat(mask("zip code 10001")).doesNotContain("[REDACTED:pin]");
    }

    @Test
    void the_fast_engine_finds_what_the_reference_engine_finds_at_the_longest_these_rules_reach() {
        // Each line stretches a rule to its bounds: the most words between a code and its name.
        List<String> lines = Stream.of(
                "authentication%20%20%20code:   generated%20%20%20for%20%20%20AcmeCorporationIncorporatedAbcd"
                        + "%20%20%20is%20%20%2012345678",
                "12345678 was%20%20%20your%20%20%20AcmeCorporationIncorporated12%20%20%20"
                        + "AcmeCorporationIncorporated12%20%20%20authentication%20%20%20passcode")
                .toList();
        for (String line : lines) {
            assertThat(mask(line)).as(line).isEqualTo(reference.mask(strict, line).text()).contains("[REDACTED:");
        }
    }
}
