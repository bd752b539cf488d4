package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Card security codes beside their card, UPI payment addresses, bank accounts of Canadian and Swiss records, and the
 * machine-readable zone of a passport: values of payments and identity checks that carry no key saying what they are.
 */
class CardCodesUpiAndPassportZonesTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("payments");

    private String mask(String line) {
        return masker.mask(strict, line).text();
    }

    @Test
    void a_security_code_after_its_card_and_expiry_in_a_tuple_is_redacted() {
        assertThat(mask("Dead letter: PaymentCommand(4621943815471786,03/28,815,EUR,89.90) to Actor"))
                .contains("03/28,[REDACTED:cvv],EUR,89.90)").doesNotContain("4621943815471786");
        assertThat(mask("the security code is 886 if you need it")).contains("[REDACTED:cvv]").doesNotContain("886");
    }

    @ParameterizedTest
    @ValueSource(strings = {"batch 20240115,03/28,815 done", "security code is required", "ratio 4/28,815"})
    void numbers_without_a_card_before_them_stay(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }

    @Test
    void a_upi_address_is_tokenized_as_a_bank_account_and_a_mail_address_stays_an_email() {
        assertThat(mask("method=upi vpa=ankit.verma@okhdfcbank status=captured"))
                .startsWith("method=upi vpa=‹bank-account:").endsWith("› status=captured");
        assertThat(mask("{\"payer\":{\"addr\":\"meera.pillai@oksbi\"}}")).contains("‹bank-account:")
                .doesNotContain("meera");
        assertThat(mask("mail bob@sbi.co.in ok")).contains("‹email:");
    }

    @Test
    void an_account_next_to_a_canadian_transit_number_and_an_iban_after_an_escaped_newline_are_masked() {
        assertThat(mask("employee=7 transit=45119-815 account=4211678")).doesNotContain("4211678");
        assertThat(mask("qrbill payload=\"SPC\\n0200\\n1\\nCH1645281780332981754\\nS\\nElektro\""))
                .contains("\\n‹iban:").doesNotContain("CH1645281780332981754");
    }

    @Test
    void a_passports_machine_readable_zone_loses_its_names_and_numbers() {
        String masked = mask("mrz=\"P<GBRWILLIAMS<<HANNAH<ROSE<<<<<<<<<<<<<<<<<<|"
                + "5334018725GBR8802141F3012316<<<<<<<<<<<<<<08\" confidence=0.97");
        assertThat(masked).doesNotContain("WILLIAMS").doesNotContain("HANNAH").doesNotContain("5334018725")
                .contains("P<GBR‹name:").contains("[REDACTED:passport]");
        assertThat(mask("L898902C36UTO7408122F1204159ZE184226B<<<<<10")).isEqualTo("[REDACTED:passport]");
    }

    @Test
    void a_zone_whose_check_digits_fail_stays() {
        String line = "L898902C36UTO7408123F1204159ZE184226B<<<<<10";
        assertThat(mask(line)).isEqualTo(line);
    }
}
