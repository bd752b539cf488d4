package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
    @ValueSource(strings = {
        "sudo: root : TTY=pts/0 ; PWD=/opt/app ; USER=root ; COMMAND=/bin/ls",
        "postfix/smtp[123]: 4F2A: to=<x>, relay=mx.example.net:25, delay=0.5, dsn=2.0.0, status=sent",
        "Access denied for user 'root'@'localhost' (using password: YES)",
        "phone: not provided",
        "Address: pending verification",
        "Cardholder: verification skipped",
        "Bind address: localhost:8080",
        "Idempotency-Key: 3f2a9c1e-7b4d-4e8a-9c21-1d2e3f4a5b6c",
        "Redis address=redis-master:6379 db=0",
        "fault address=0x7f3a2c001234",
        "s3 put object_key=2024/05/01/8f3a.json size=123",
        "logon sid=S-1-5-21-3623811015-3361044348-30300820-1013",
        "GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json",
        "WHERE email = $1 AND status = $2",
        "IXSCAN { email: 1 }",
    })
    void a_key_in_prose_with_a_status_a_path_or_a_network_address_after_it_keeps_it(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka offset=130692544 committed", "assumed role in account 970372057482",
        "AwsApiCall recipientAccountId=911701234"})
    void nine_or_twelve_bare_digits_with_no_word_saying_what_they_are_stay(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SIN 130692544", "ITIN: 911701234", "account number 970372057482"})
    void the_same_digits_after_a_word_that_says_what_they_are_are_masked(String line) {
        assertThat(masker.mask(strict, line).text()).doesNotContainPattern("\\d{9}");
    }

    @Test
    void an_account_number_under_its_key_ends_where_the_next_key_begins() {
        assertThat(masker.mask(strict, "iban=DE89370400440532013000 status=ok").text())
                .startsWith("iban=‹").endsWith("› status=ok");
        assertThat(masker.mask(strict, "iban=DE89 3704 0044 0532 0130 00 status=ok").text())
                .doesNotContain("3704").endsWith(" status=ok");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Duplicate entry 'bob@example.com-42' for key 'users.uk_email_tenant'",
        "user: first.last@sub.dept.corp.example.co.uk",
        "GET /login?next=%2Faccount%3Femail%3Dbob%2540example.com",
        "login_hint=bob%2Btest%40example.com",
        "filter=email%20eq%20%22bob%40example.com%22",
        "href=mailto%3Abob%40example.com",
    })
    void an_address_glued_to_an_id_deep_in_subdomains_or_encoded_in_a_query_is_tokenized(String line) {
        String masked = masker.mask(strict, line).text();

        assertThat(masked).contains("‹email:").doesNotContain("bob@").doesNotContain("bob%")
                .doesNotContain("first.last");
    }

    @Test
    void an_address_encoded_once_twice_or_not_at_all_gets_one_token() {
        String plain = masker.mask(strict, "bob@example.com").text();
        assertThat(masker.mask(strict, "bob%40example.com").text()).isEqualTo(plain);
        assertThat(masker.mask(strict, "bob%2540example.com").text()).isEqualTo(plain);
        assertThat(masker.mask(strict, "mail.example-site.com").text()).isEqualTo("mail.example-site.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Full name: Robert James Smith", "Customer Name: Maria Garcia Lopez, VIP",
        "Cardholder: ROBERT J SMITH", "card holder = Jean Dupont", "Name on card: Zoë Ölund"})
    void a_name_after_a_label_written_as_words_is_tokenized(String line) {
        String masked = masker.mask(strict, line).text();

        assertThat(masked).contains("‹name:").doesNotContain("Smith").doesNotContain("Garcia")
                .doesNotContain("Dupont").doesNotContain("Ölund");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Customer name: not found in request", "Cardholder: verified", "First name: missing"})
    void a_label_written_as_words_with_no_name_after_it_stays(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @Test
    void a_cards_expiry_and_security_code_written_in_prose_beside_it_are_redacted() {
        assertThat(masker.mask(strict, "card 4111 1111 1111 1111 exp 12/28 cvv 123 approved").text())
                .isEqualTo("card **** **** **** 1111 exp [REDACTED:card-expiry] cvv [REDACTED:cvv] approved");
        assertThat(masker.mask(strict, "expiration=2026-12-01 renewal due").text())
                .isEqualTo("expiration=2026-12-01 renewal due");
        assertThat(masker.mask(strict, "SET PASSWORD = PASSWORD('S3cret!x')").text())
                .isEqualTo("SET PASSWORD = PASSWORD('[REDACTED:password]')");
    }

    @Test
    void a_credential_header_ends_where_the_next_header_or_its_quoted_string_ends() {
        assertThat(masker.mask(strict, "curl -H 'X-API-Key: f5da2cec255404e4fb440034d6608697' -H 'Accept: */*' "
                + "https://api.example.com/v1/orders").text())
                .startsWith("curl -H 'X-API-Key: [REDACTED:").doesNotContain("f5da2cec")
                .endsWith("]' -H 'Accept: */*' https://api.example.com/v1/orders");
        assertThat(masker.mask(strict, "{Authorization=Bearer x9Zs2pQ7Lm4Kd8Rt, Content-Type=application/json}")
                .text()).startsWith("{Authorization=Bearer [REDACTED:authorization],")
                .endsWith(" Content-Type=application/json}");
        assertThat(masker.mask(strict, "Authorization: Digest username=\"bob\", realm=\"x\", response=\"6629fae4\"")
                .text()).doesNotContain("bob").doesNotContain("6629fae4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"login ok password=ok!Sunny2024", "login failed password=\"not my real password\"",
        "smtp_pass: true.Love99", "exec: psql --password No.Way-2024 -h db", "redis://:On.the.Road7@cache:6379/0",
        "last_name=Null first_name=Jennifer", "full_name=\"Nil Yilmaz\"", "dob: unverified 1990-01-02",
        "billing_address: Not validated - 742 Evergreen Terrace, Springfield", "token: letmein",
        "aws_secret_access_key=/Ab3dEfGh1jKlMn0pQrStUvWxYz12345678/9abc", "password=~/Xk9vQ2",
        "login failed password=MyP4ss(", "address: [\"221B Baker Street\", \"London NW1 6XE\"]",
        "address=Unit:4 Riverside Park, Leeds LS1 4AB", "connection_string=Server%3Ddb%3BPassword%3DS3cretPw",
        "dsn=admin:S3cretPw", "email=bob@localhost", "request headers Api-Key: key Xk9vQ2abcDEF1234",
        "acct_no=0012-XK-445566", "login failed password=/letmein1", "DB_PASSWORD=/letmein/now",
        "bank account 40817293", "account_number: No. 40817293", "callback_number=0412345678",
        "session_id=kjdhfkjsdhfkjsdhfkjsdh", "last_name=Null", "surname: Nil", "password=okay", "password=Valid"})
    void a_value_that_only_opens_like_a_status_a_path_or_an_address_is_still_masked(String line) {
        String masked = masker.mask(strict, line).text();

        assertThat(masked).as(line).containsPattern("‹|\\[REDACTED|\\[HASH");
        for (String secret : List.of("Sunny2024", "real password", "Love99", "Way-2024", "Road7", "Jennifer", "Yilmaz",
                "1990-01-02", "Evergreen", "letmein", "Ab3dEfGh", "Xk9vQ2", "MyP4ss", "Baker", "Riverside", "S3cretPw",
                "localhost", "445566", "letmein", "40817293", "0412345678", "kjdhfkjsdh", "Null", "Nil", "okay",
                "Valid")) {
            assertThat(masked).as(line).doesNotContain(secret);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"phone=0412 345 678", "Tel.: 030 1234567", "sms_to=0412345678", "sin_no=130692544",
        "tax_id_number: 912701234", "borrower.ssn 536221234", "device_imei=490154203237518"})
    void a_number_after_a_key_that_says_what_it_is_is_masked(String line) {
        String digits = line.replaceAll("[^0-9 ]", "").strip();
        String masked = masker.mask(strict, line).text();

        assertThat(masked).as(line).contains("‹").doesNotContain(digits.substring(digits.length() - 6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"call me on 0412 345 678", "Telephone: 0412 345 678", "not answering at 78 651 450",
        "Call customer at 0612345678", "customer phone updated to 0612345678",
        "055 590 36 33-Office"})
    void a_number_after_a_phone_word_of_prose_is_still_a_phone(String line) {
        // Also after a preposition or a verb that some keys end in (created_at, updated): only nouns for things count.
        assertThat(masker.mask(strict, line).text()).contains("‹phone:");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Login failed: username or password incorrect", "Invalid username and password combination",
        "Error: username or password is invalid", "The password is sha256-hashed before storage",
        "Default password length=16 characters", "tax id: not required for EU orders",
        "2024-01-15,checkout,12.3456,45.6789,88.1234,0.0012", "fx,EURUSD,1.09451,1.09512", "ratio=12.5000,87.5000",
        "product name: Wireless Mouse", "Region name: Paris Ouest", "mode 0644 1001 1001 app.jar",
        "Memory dump at 0x7ffd5e2a1000: 06 12 34 56 78", "ipmitool raw 0x06 0x01 -> 02 12 34 56 78",
    })
    void login_errors_csv_rows_dumps_and_labelled_product_names_stay(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed",
        "{\"version\":\"10.2.0.1\"}", "kernel build 4.18.0.1 loaded", "agent version: 1.2.3.4"})
    void a_version_of_four_numbers_is_no_ip_address(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /assets/img/logo@2x.png 200", "request_id=\"4b05e1ae-b153-469c-be01-aaa699498ac4\""})
    void an_asset_for_a_screen_density_and_a_uuid_stay(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ts=1733149727 level=info", "{\"created_at\": 1733149727, \"bytes_sent\": 4010232137}",
        "{\"trace_id\":\"4532015112830366\",\"order_id\":891417863491}", "order 891417863491 shipped",
        "request id 4010232137 done", "kafka record offset=4649686276817 partition=5",
        "snowflake_id=4482845424008264480", "s3 upload done size=938325179", "updated=1711993425 rows=483313",
        "orderId: 667207488", "Loading producer state till offset 4662779117 with message format version 2",
    })
    void a_number_under_a_key_or_after_a_word_naming_a_time_a_size_or_an_id_is_no_national_id_or_card(
            String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nhs_number=4010232137", "patient_id=4010232137", "NHS id 4010232137 checked",
        "text: 4010232137", "user id 4010232137", "card_number=4532015112830366", "payment_id=4532015112830366",
        "order 4532-0151-1283-0366 paid", "order #4532015112830366", "NHS number at 9434765919",
        "paid with 4532015112830366 today"})
    void a_number_under_a_key_that_speaks_of_a_person_a_bare_id_or_a_card_in_prose_is_still_masked(String line) {
        assertThat(masker.mask(strict, line).text()).doesNotContain("0151128").doesNotContain("0232137");
    }

    @Test
    void a_structured_number_field_naming_a_time_or_an_id_keeps_its_number_and_a_card_field_does_not() {
        MaskedFields masked = masker.mask(strict, Map.of("ts", "1705315006000", "id", "131945878",
                "offset", "4753803757186", "patient.nhs", "4010232137", "payment.card", "4532015112830366"));
        Map<String, String> texts = new HashMap<>();
        masked.asMap().forEach((name, text) -> texts.put(name, text.text()));
        assertThat(texts).containsEntry("ts", "1705315006000").containsEntry("id", "131945878")
                .containsEntry("offset", "4753803757186");
        assertThat(texts.get("patient.nhs")).startsWith("‹");
        assertThat(texts.get("payment.card")).endsWith("0366").doesNotContain("0151128");
    }

    @Test
    void a_structured_setting_about_a_password_keeps_its_number_or_yes_or_no_and_a_password_field_does_not() {
        MaskedFields masked = masker.mask(strict, Map.of("password_min_length", "12", "mfa.password_required",
                "true", "password", "123456", "password_history", "hunter2"));
        assertThat(masked.asMap().get("password_min_length").text()).isEqualTo("12");
        assertThat(masked.asMap().get("mfa.password_required").text()).isEqualTo("true");
        assertThat(masked.asMap().get("password").text()).doesNotContain("123456");
        assertThat(masked.asMap().get("password_history").text()).doesNotContain("hunter2");
    }
    @Test
    void a_value_between_bars_ends_where_the_next_key_of_the_record_starts() {
        String masked = masker.mask(strict, "CDR|MO|1292s|IMSI=310305624056562|IMEI=490154203237518|cell=LAC255-CI773")
                .text();
        assertThat(masked).doesNotContain("310305624056562").doesNotContain("490154203237518")
                .contains("|IMEI=").endsWith("|cell=LAC255-CI773");
    }

    @Test
    void a_value_of_several_words_ends_at_a_next_key_with_an_array_position() {
        String masked = masker.mask(strict,
                "validation failed: birthDate=1979-08-12 identifier[0].value=ORD-2291-X status=rejected").text();
        assertThat(masked).doesNotContain("1979-08-12")
                .endsWith(" identifier[0].value=ORD-2291-X status=rejected");
    }
}
