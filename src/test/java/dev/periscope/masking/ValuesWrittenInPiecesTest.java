package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values written in pieces: identifiers in groups of digits under their keys, email addresses with the @ spelled
 * out, IPv6 addresses with a port and the OpenVPN clients before them, a secret whose name is another pair's value.
 * A piece left behind would tell the rest of the value.
 */
class ValuesWrittenInPiecesTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("support");

    private String mask(String line) {
        return masker.mask(strict, line).text();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "steuer_id=12 345 678 901 geprüft | steuer_id=‹national-id: | 901",
        "svnr=1234 010180 ok | svnr=‹national-id: | 010180",
        "patient_id=12 34 5678 admitted at 10 am | patient_id=‹health-id: | 5678",
        "national_id=65 170839 X 003, checked | national_id=‹national-id: | 003",
    })
    void an_identifier_in_groups_under_its_key_is_masked_whole(String line, String masked, String group) {
        assertThat(mask(line)).as(line).contains(masked).doesNotContain(group);
    }

    @Test
    void the_words_after_a_grouped_identifier_stay() {
        assertThat(mask("patient_id=12 34 5678 admitted at 10 am")).endsWith("› admitted at 10 am");
        assertThat(mask("Meine Steuer-ID: 12 345 678 901.")).endsWith("›.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "contact jane.doe(at)example.com for refunds",
        "mail to Jane.Doe [at] example [dot] com please",
        "Kontakt: jane.doe{AT}example.com",
    })
    void an_email_with_the_at_spelled_out_shares_the_plain_addresses_token(String line) {
        String plain = mask("jane.doe@example.com");
        assertThat(mask(line)).as(line).doesNotContain("jane").doesNotContain("Jane").doesNotContain("example")
                .contains(plain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"meet me [at] 10 am", "pattern (at) the end of the line", "see [at] least one"})
    void at_in_brackets_between_words_stays(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }

    @Test
    void an_openvpn_client_before_an_ipv6_address_is_masked_as_a_user() {
        String masked = mask("ovpn-server[1234]: alice/[2001:db8::1]:1194 MULTI: primary virtual IP for alice");
        assertThat(masked).doesNotContain("alice").contains("‹user:").contains("]:1194 MULTI");
    }

    @Test
    void an_ipv6_address_with_its_port_after_the_eighth_group_is_masked_and_its_openvpn_client_too() {
        String masked = mask("openvpn[1422]: m.oconnell/2a02:8084:4a1:c300:9d2e:71f4:1b0c:e6a2:1194 PUSH: Received");
        assertThat(masked).doesNotContain("oconnell").doesNotContain("2a02").contains(":1194 PUSH");
        assertThat(mask("dial 2001:db8::1:1194 ok")).doesNotContain("2001").doesNotContain("1194");
    }

    @Test
    void a_secret_named_in_logfmt_by_its_name_pair_is_redacted() {
        String line = "msg=\"injecting secret\" name=aws_secret_access_key value=m0L1I51tW+RRfSaaHmQXdONrWaKIlNOLF9naXzL1"
                + " repo=infra";
        assertThat(mask(line)).doesNotContain("m0L1I51tW").endsWith("value=[REDACTED:secret] repo=infra");
        assertThat(mask("name=DB_HOST value=db1")).isEqualTo("name=DB_HOST value=db1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "用户反馈，手机139 1044 8821，收货", "联系电话13910448821 ok", "주민등록번호 790208-2343995, 연락처",
        "rodné číslo=680603/6897 jméno", "err=\"cnp 2940516236233 does not match\"",
        "マイナンバーは7722 1703 3511、住所", "เลขประจำตัวประชาชน 3-9149-22690-82-1 ชื่อ",
    })
    void national_ids_and_phones_next_to_words_in_other_scripts_are_masked(String line) {
        String masked = mask(line);
        assertThat(masked).as(line).contains("‹");
        assertThat(masked.replaceAll("‹[^›]*›", "")).as(line).doesNotContainPattern("\\d{4}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ts=1705312345678 ok", "request took 1705312345678", "order 123456/7890 shipped",
        "cnp 2940516236234 rejected"})
    void numbers_of_those_shapes_without_their_checks_or_words_stay(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }

    @Test
    void a_certificates_common_name_is_masked_as_a_user_but_a_host_name_stays() {
        assertThat(mask("common_name=alice.smith,tls_verify=ok")).doesNotContain("alice").contains("‹user:");
        assertThat(mask("common_name=api.example.com verify ok")).isEqualTo("common_name=api.example.com verify ok");
    }
}
