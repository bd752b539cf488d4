package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One-time codes as SMS gateways, identity providers and applications log them, and the tokens that reset, confirm
 * and sign-in links carry: masked by the words around them, while the many other codes of a log (exit, status, error
 * and zip codes) and the routes of the links stay readable.
 */
class OneTimeCodesAndLinkTokensTest {

    private final BothEngines engines = new BothEngines("auth");
    private final MaskingService masker = engines.fast();
    private final MaskingContext strict = engines.context();

    private String mask(String line) {
        return engines.mask(line);
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
        "482913 is your verification code | 482913",
        "Your code is 482913 and expires in 10 minutes | 482913",
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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET /Account/ConfirmEmail?userId=42&code=CfDJ8Nw3kZ7_bx1pQe3RzT9uYk2LmNo5VpQr7StUv HTTP/1.1 "
                + "| GET /Account/ConfirmEmail?userId=42&code=[REDACTED:token] HTTP/1.1",
        "GET /oauth2/callback?state=xyz&code=4/0AeaYSHBZx3k9W7mPq2LrT5vN8jH1cF6dG0sAeR4tY&scope=email HTTP/1.1 "
                + "| GET /oauth2/callback?state=xyz&code=[REDACTED:token]&scope=email HTTP/1.1",
        "GET /callback?code=4%2F0AeaYSHBZx3k9W7mPq2LrT5vN8jH1cF6dG0sAeR4tY&state=abc "
                + "| GET /callback?code=[REDACTED:token]&state=abc",
        "GET /login/oauth/callback?code=2a4d8e9f1c3b5a7d9e0f&state=x "
                + "| GET /login/oauth/callback?code=[REDACTED:token]&state=x",
    })
    void a_long_code_of_a_query_string_is_redacted_and_the_other_parameters_stay(String line, String masked) {
        assertThat(mask(line)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET /accounts/reset/NDk3OA/7fdtvp-2122c5d8e0f1a2b3c4d5/ HTTP/1.1 "
                + "| GET /accounts/reset/[REDACTED:token]/ HTTP/1.1",
        "GET /password/reset/9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c | GET /password/reset/[REDACTED:token]",
        "GET /reset/password/9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c?next=/ | GET /reset/password/[REDACTED:token]?next=/",
        "GET /verify-email/eyJ1aWQiOjQyfQ.Zk3mPq9xT2 200 | GET /verify-email/[REDACTED:token] 200",
        "GET /magic-link/a8Fk2LmQ9zX4pR7tW1vY3nB6 | GET /magic-link/[REDACTED:token]",
        "GET /confirm/8f2a3c1e-5b6d-4e7f-9a0b-1c2d3e4f5a6b | GET /confirm/[REDACTED:token]",
        "POST /users/activate/Zk3mPq9xT2a8Fk2LmQ9z HTTP/2 | POST /users/activate/[REDACTED:token] HTTP/2",
    })
    void the_token_of_a_reset_verify_confirm_or_sign_in_link_is_redacted_and_its_route_stays(String line,
            String masked) {
        assertThat(mask(line)).isEqualTo(masked);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /reset/password HTTP/1.1", "GET /confirm/step2 HTTP/1.1",
        "POST /api/v1/users/42/verify HTTP/1.1", "GET /api/users/reset/42", "GET /confirm/new-user-signup-2024",
        "GET /accounts/reset/done/", "GET /static/js/confirm-dialog.4f3a2b1c9d8e7f6a.js",
        "GET /verify/phone HTTP/1.1"})
    void a_route_without_a_token_stays(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Your code is 2048 lines long", "your code 2048 lines changed", "Q3 MFA 2025 rollout",
        "2FA 1000 users enrolled", "OTP 8080 port already in use", "MFA 4096 bit key", "login code 8080 listening",
        "SMS code 30007 carrier violation", "exit status 1603 is the code for",
        "1603 is the code returned by msiexec"})
    void a_number_that_counts_something_or_is_the_code_of_an_error_is_no_one_time_code(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /airports?code=1234 HTTP/1.1", "GET /geo/lookup?country=de&code=10115",
        "GET /api/errors?lang=en&code=5003", "GET /products?id=1&code=84713000", "GET /catalog/items?page=2&code=0000",
        "GET /promo?code=SUMMER2025SALE50OFF", "GET /catalog?code=SKU-123456-BLUE-XL-2024"})
    void a_code_parameter_of_a_link_that_does_not_sign_in_stays(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GET /Account/confirm-email?userId=42&code=WOke7Hx9mQ2pLr5tN8vB3cF6dJ1sA0zY HTTP/1.1 "
                + "| GET /Account/confirm-email?userId=42&code=[REDACTED:token] HTTP/1.1",
        "GET /callback?state=xyz&code=4/0AZQrK7mP2xL9tN5vB8cF3dJ6sA1zYw HTTP/1.1 "
                + "| GET /callback?state=xyz&code=[REDACTED:token] HTTP/1.1",
        "GET /account/confirm?uid=7&code=533276 HTTP/1.1 | GET /account/confirm?uid=7&code=[REDACTED:pin] HTTP/1.1",
        "GET /cb?code=533276&state=af0ifjsldkj | GET /cb?code=[REDACTED:pin]&state=af0ifjsldkj",
        "GET /api/v2/token?client_id=web&code=Zk3mPq9xT2a8Fk2LmQ9z "
                + "| GET /api/v2/token?client_id=web&code=[REDACTED:token]",
    })
    void a_code_parameter_of_a_link_that_signs_in_confirms_or_resets_is_redacted(String line, String masked) {
        assertThat(mask(line)).isEqualTo(masked);
    }

    @Test
    void a_numeric_code_of_a_confirmation_link_is_redacted_next_to_the_address_it_confirms() {
        assertThat(mask("GET /account/confirm?email=bob%40example.com&code=533276 HTTP/1.1"))
                .startsWith("GET /account/confirm?email=‹email:").endsWith("&code=[REDACTED:pin] HTTP/1.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /api/v1/confirm/64f1c2a9e4b0a1d2c3e4f5a6 HTTP/1.1",
        "GET /activation/2024Q4-campaign-banner.png", "GET /static/magic/wand-icon-v2.svg",
        "GET /confirm/RUN2025112300042BATCH"})
    void a_file_an_object_id_or_a_run_id_after_a_route_is_no_link_token(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }

    @Test
    void a_link_token_of_capital_hex_digits_is_still_redacted() {
        assertThat(mask("GET /password/reset/9F8E7D6C5B4A3F2E1D0C9B8A7F6E5D4C"))
                .isEqualTo("GET /password/reset/[REDACTED:token]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "auth-svc mfa: sms challenge sent to +234 807 521 8967 code=304379 ttl=300s | 304379",
        "{\"event\":\"PASSWORD_RESET\",\"email\":\"r@example.com\",\"code\":\"815079\"} | 815079",
        "msg=\"{\\\"type\\\":\\\"otp\\\",\\\"code\\\":\\\"5521\\\"}\" | 5521",
        "email-svc: rendered template 'login_code' -> \"Your Acme sign-in code: 875-597\" | 875-597",
        "verify: code: 1234-5678 sent | 1234-5678",
    })
    void a_code_under_a_key_called_code_is_redacted_in_an_event_about_signing_in(String line, String code) {
        assertThat(mask(line)).as(line).doesNotContain(code).contains("[REDACTED:pin]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"upstream error code=1045 msg=denied", "{\"status\":\"error\",\"code\":10061}",
        "sms delivery failed code=30007 carrier violation", "challenge failed: HTTP code: 401"})
    void a_code_under_a_key_called_code_in_other_events_stays(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }

    @Test
    void a_one_time_code_field_of_an_event_about_one_time_codes_is_redacted_and_an_error_code_field_stays() {
        java.util.Map<String, String> otp = new java.util.LinkedHashMap<>();
        otp.put("event", "otp.sent");
        otp.put("channel", "sms");
        otp.put("code", "856055");
        otp.put("expires_in", "300");
        java.util.Map<String, String> failure = new java.util.LinkedHashMap<>();
        failure.put("event", "db.query");
        failure.put("error.code", "1045");

        assertThat(masker.mask(strict, otp).asMap().get("code").text()).isEqualTo("[REDACTED:pin]");
        assertThat(masker.mask(strict, otp).asMap().get("expires_in").text()).isEqualTo("300");
        assertThat(masker.mask(strict, failure).asMap().get("error.code").text()).isEqualTo("1045");
    }

    @Test
    void the_fast_engine_finds_what_the_reference_engine_finds_at_the_longest_these_rules_reach() {
        // Each line stretches a rule to its bounds: the most words between a code and its name, the longest
        // route and token, the longest code parameter.
        List<String> lines = Stream.of(
                "authentication%20%20%20code:   generated%20%20%20for%20%20%20AcmeCorporationIncorporatedAbcd"
                        + "%20%20%20is%20%20%2012345678",
                "12345678 was%20%20%20your%20%20%20AcmeCorporationIncorporated12%20%20%20"
                        + "AcmeCorporationIncorporated12%20%20%20authentication%20%20%20passcode",
                "x".repeat(40) + " /password-reset/password/NDk3OA/" + randomToken(512),
                "see /activation-token/link/MQ/2122c5d8e0f1a2b3c4d5 and code=" + randomToken(2048))
                .toList();
        for (String line : lines) {
            assertThat(mask(line)).as(line).contains("[REDACTED:");
        }
    }

    /** Letters and digits as a token generator writes them, the same on every run. */
    private static String randomToken(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        java.util.Random random = new java.util.Random(20261124L);
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }
}
