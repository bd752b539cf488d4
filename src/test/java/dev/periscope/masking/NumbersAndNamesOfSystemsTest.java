package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What systems write about themselves stays readable: an AWS account id is no Aadhaar number, a listening URL no
 * postal address, an auth scheme before what another system already filtered no credential, and a module's call
 * ({@code auth: pam(...)}) no secret; the person inside such lines is still masked.
 */
class NumbersAndNamesOfSystemsTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("edge");

    @ParameterizedTest
    @ValueSource(strings = {
        "SQS https://sqs.eu-west-1.amazonaws.com/481516234200/orders-dlq depth=4 oldest=412s",
        "s3 put key=AWSLogs/481516234200/CloudTrail/eu-west-1/2024/05/22/x.json.gz",
        "pulling 481516234200.dkr.ecr.eu-west-1.amazonaws.com/checkout:1.4.2",
        "aws account id 481516234200 assumed role ci-deploy",
        "account 481516234200 created in organization o-a1b2c3",
        "accountId=481516234200 region=eu-west-1",
        "GET /orders Authorization: Bearer [REDACTED] status=401",
        "Authorization: Basic [FILTERED]",
        "listen address: http://[::]:8080",
        "2025-06-03 15:20:15,003 4127 INFO prod-erp werkzeug: 127.0.0.1 - - \"GET / HTTP/1.1\" 200",
        "odoo.addons.base.models.ir_cron: Job 'Mail: Email Queue Manager' (4) done in 0.412s",
        "systemd[1]: Started openvpn-client@office.service - OpenVPN tunnel for office.",
        "systemd[1]: getty@tty1.service: Deactivated successfully.",
        "Firmware 2.4.1.10 (build 2025-05-12) on model RT-AX88U Pro, bootloader 1.0.0.4, cfe 1.0.2.0",
        "docker login --username AWS --password-stdin 318246591004.dkr.ecr.eu-west-2.amazonaws.com",
        "     -> server.address: Str(checkout.shop.svc.cluster.local)",
        "Network Information:   Workstation Name: -   Source Network Address: -   Source Port:  -",
    })
    void a_system_s_own_numbers_and_addresses_stay(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @Test
    void an_account_id_field_stays_and_an_aadhaar_number_is_still_masked() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("userIdentity.accountId", "481516234200");
        fields.put("recipientAccountId", "481516234200");
        fields.put("aws_account_id", "481516234200");
        fields.put("bank_account_id", "481516234200");
        fields.put("uid", "481516234200");
        Map<String, MaskedText> masked = masker.mask(strict, fields).asMap();
        assertThat(masked.get("userIdentity.accountId").text()).isEqualTo("481516234200");
        assertThat(masked.get("recipientAccountId").text()).isEqualTo("481516234200");
        assertThat(masked.get("aws_account_id").text()).isEqualTo("481516234200");
        assertThat(masked.get("bank_account_id").text()).startsWith("‹");
        assertThat(masked.get("uid").text()).startsWith("‹");
        assertThat(masker.mask(strict, "Aadhaar 4815 1623 4200 verified").text()).doesNotContain("4815");
        assertThat(masker.mask(strict, "my number is 481516234200.").text()).doesNotContain("481516234200");
    }

    @Test
    void a_listening_url_under_an_address_field_stays_and_a_postal_one_is_masked() {
        Map<String, MaskedText> masked = masker.mask(strict, Map.of("address", "http://[::]:8080",
                "billing_address", "12 Rue de Rivoli, 75001 Paris")).asMap();
        assertThat(masked.get("address").text()).isEqualTo("http://[::]:8080");
        assertThat(masked.get("billing_address").text()).startsWith("‹address:");
    }

    @Test
    void a_phone_after_a_time_an_email_under_mail_and_an_address_on_a_firmware_line_are_still_masked() {
        assertThat(masker.mask(strict, "CDR,2024-05-23 12:00:44,+447911123456,MOC").text())
                .doesNotContain("447911123456");
        assertThat(masker.mask(strict, "Mail: ann@example.org queued").text()).doesNotContain("ann@example.org");
        assertThat(masker.mask(strict, "Firmware 2.4.1.10 pushed to 203.0.113.9").text())
                .contains("Firmware 2.4.1.10").doesNotContain("203.0.113.9");
    }

    @Test
    void a_credential_after_its_scheme_is_still_masked() {
        assertThat(masker.mask(strict, "Authorization: Bearer abc.def.ghi-123456 ok").text())
                .doesNotContain("abc.def.ghi-123456");
    }

    @Test
    void dovecot_keeps_its_lookup_and_masks_the_user_inside_it() {
        String masked = masker.mask(strict,
                "dovecot: auth: pam(jsmith,10.1.2.3,<AbCdEf>): pam_authenticate() failed").text();
        assertThat(masked).startsWith("dovecot: auth: pam(‹user:").doesNotContain("jsmith").doesNotContain("10.1.2.3");
        assertThat(masker.mask(strict, "auth-worker(1234): sql(ana.k@example.org,10.1.2.3): unknown user").text())
                .doesNotContain("ana.k").contains("sql(");
        assertThat(masker.mask(strict, "auth: hunter2pass").text()).doesNotContain("hunter2pass");
    }
}
