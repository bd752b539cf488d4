package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keys that say little on their own (a plain {@code name}, a {@code pin}, a {@code token} with a status after it) and
 * addresses written into cloud host names: what such a value holds decides whether it is masked.
 */
class PlainKeysAndHostNamesTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("crm");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "user_id=7 name=Bob Smith age=42 | Bob Smith",
        "customer name=\"Renée Dubois\" | Renée Dubois",
        "{\"name\": \"Mary O'Brien\", \"email\": \"m@x.io\"} | O'Brien",
        "signup Name: John A. Smith | John A. Smith",
        "name=Order Service, contact name: Jane Doe | Jane Doe",
        "Patient name: Dvořák, Antonín | Antonín",
    })
    void a_persons_name_under_a_key_called_just_name_in_an_event_about_people_is_tokenized(String line,
            String name) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(name).contains("‹name:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"name=Bob Smith age=42", "name: Ingress Nginx", "name: Snow Leopard",
        "user name=Order Service", "name=checkout", "name='Default Pool'", "hostname=Web Host",
        "filename=\"Big Report.pdf\"", "name=Black Friday Sale", "NAME=PAYMENTS", "name=Acme Corp",
        "{\"name\":\"Payment Failed\"}"})
    void a_service_a_product_a_file_or_a_name_without_people_around_it_stays(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @Test
    void an_address_in_a_cloud_host_name_shares_the_token_of_its_dotted_spelling() {
        String masked = masker.mask(strict, "host ip-10-0-5-21.ec2.internal peer 10.0.5.21").text();

        assertThat(masked).doesNotContain("10-0-5-21").doesNotContain("10.0.5.21").startsWith("host ip-‹ip:");
        String hostToken = masked.substring(masked.indexOf('‹'), masked.indexOf('›') + 1);
        assertThat(masked).endsWith("peer " + hostToken);
        assertThat(masker.mask(strict, "resolved ec2-54-12-34-56.compute-1.amazonaws.com").text())
                .doesNotContain("54-12-34-56");
    }

    @ParameterizedTest
    @ValueSource(strings = {"unzip-10-0-5-21 done", "ip-10-0-5-2100", "ip-300-0-5-21"})
    void dashed_numbers_that_are_no_host_address_stay(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssn_number=123456789", "customer_ssn=123456789", "tax_id_no: 12-3456789",
        "passport_num=X12345678"})
    void a_national_id_key_with_a_number_suffix_is_masked(String line) {
        assertThat(masker.mask(strict, line).text()).contains("‹national-id:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"token: expired", "api_key=invalid", "refresh_token: revoked", "pin=main",
        "otp=disabled"})
    void a_token_with_a_status_after_it_and_a_pin_without_digits_stay(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"password=expired | expired", "pin=1234 | 1234", "otp: 839201 | 839201"})
    void a_password_that_reads_as_a_status_and_a_pin_with_digits_are_redacted(String line, String value) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(value).contains("[REDACTED:");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ua=\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
                + "Safari/537.36 Edg/131.0.0.0\"",
        "invoice 2026-11-0042 total=1234.56 EUR",
        "create user failed: &{ID:0 CreatedAt:0001-01-01 00:00:00 +0000 UTC}",
        "Duplicate entry '42-2026-11-23' for key 'daily_reports.uq_tenant_day'",
        "batch 2026-11-23-01 done",
    })
    void a_browser_version_and_ids_made_of_a_year_and_a_month_stay(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gps_adid=38400000-8cf0-11bd-b23e-10b96e40000d", "idfv=E621E1F8-C36C-495A-93FC-0C247A3E6E5F",
        "sim iccid=8944110068256270054", "imsi=262011234567890", "oaid=a1b2c3d4-e5f6-4789-abcd-ef0123456789"})
    void a_device_or_advertising_id_under_its_key_is_tokenized(String line) {
        assertThat(masker.mask(strict, line).text()).contains("‹device:");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{\"geo\":\"52.520008,13.404954\"} | 52.520008",
        "Location[fused 52.520008,13.404954 hAcc=12] | 13.404954", "maps?q=-33.8688, 151.2093&z=12 | 151.2093"})
    void a_position_written_as_a_pair_of_decimal_degrees_is_redacted(String line, String degrees) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(degrees).contains("[REDACTED:geo]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"scores=0.1234,0.5678", "version 1.2.3,4.5.6", "ratio 12.5,13.25",
        "p99=95.12345,120.54321 ms"})
    void pairs_of_numbers_that_are_no_place_stay(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /wsapi/2.0/verify?id=1&otp=vvvvvvcucrlcietctckflvnncdgckubflugerlnr&nonce=x",
        "node=Edge/10.0.0.1 status=up", "GET /api/Version/10.20.30.40 200"})
    void a_long_one_time_code_and_an_address_after_a_word_that_only_looks_like_a_browser_are_masked(String line) {
        String masked = masker.mask(strict, line).text();
        assertThat(masked).doesNotContain("cucrlcietc").doesNotContain("10.0.0.1").doesNotContain("10.20.30.40");
    }

    @ParameterizedTest
    @ValueSource(strings = {"name: Kafka Connect", "name=Spring Boot", "name=\"Visual Studio Code\"",
        "Customer Name: Maria Garcia Lopez, VIP"})
    void product_names_and_a_word_after_a_named_person_stay(String line) {
        String masked = masker.mask(strict, line).text();
        assertThat(masked).doesNotContain("Maria");
        assertThat(masked.replaceAll("‹name:[0-9a-f]+›", "X")).isIn(line, "Customer Name: X, VIP");
    }

    @org.junit.jupiter.api.Test
    void a_name_under_a_key_in_escaped_json_is_tokenized() {
        assertThat(masker.mask(strict, "record=\"{\\\"address\\\":{\\\"city\\\":\\\"Dublin\\\"},"
                + "\\\"name\\\":\\\"Bob Smith\\\"}\"").text()).doesNotContain("Bob Smith");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lat/lon 48.8566,2.3522", "maps?q=48.8566,2.3522&z=3"})
    void a_position_with_four_decimals_next_to_a_word_for_a_position_is_redacted(String line) {
        assertThat(masker.mask(strict, line).text()).doesNotContain("48.8566").contains("[REDACTED:geo]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"to\":\"EuNb0lCo7pt:APA91bHLI198F6sXyriJ1RIaKM_t59SQW6PyEXD0fO8WXt-eqQm4m6bs0tj8HRYkQWO_eiEKDl3mm4vMdfPhLTV3sF0x\"} "
                + "| APA91bHLI198",
        "POST https://api.push.apple.com/3/device/9e1b429ad564b858f9a3e247cb2c083eb8cb37f0a72e9d34119f3374cebd4d3f 200 "
                + "| 9e1b429ad564",
        "sent to ExponentPushToken[xxxxxxxxxxxxxxxxxxxxxx] ok | ExponentPushToken",
    })
    void a_push_notification_token_is_tokenized_wherever_it_stands(String line, String token) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(token).contains("‹device:");
    }
}
