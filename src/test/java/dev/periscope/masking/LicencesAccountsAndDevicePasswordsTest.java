package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Driving licences under a bare licence key (not a software's licence), bank accounts, member ids and phones under
 * the names payment, health and messaging systems give them, and passwords as proxies, network devices and IMAP
 * clients log them.
 */
class LicencesAccountsAndDevicePasswordsTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("ops");

    @Test
    void a_licence_number_is_masked_and_a_software_licence_stays() {
        Map<String, MaskedText> masked = masker.mask(strict, Map.of("license", "MIT", "pkg.license", "GPL-3.0-only",
                "renter.license.number", "D4128834", "check.licence", "KAYA9812115M99LP")).asMap();
        assertThat(masked.get("license").text()).isEqualTo("MIT");
        assertThat(masked.get("pkg.license").text()).isEqualTo("GPL-3.0-only");
        assertThat(masked.get("renter.license.number").text()).startsWith("‹national-id:");
        assertThat(masked.get("check.licence").text()).startsWith("‹national-id:");
        assertThat(masker.mask(strict, "DVLA check OK licence=KAYA9812115M99LP dob=1985-12-11").text())
                .doesNotContain("KAYA9812115M99LP");
        assertThat(masker.mask(strict, "license: MIT").text()).isEqualTo("license: MIT");
    }

    @Test
    void accounts_member_ids_and_phones_under_their_system_s_names_are_masked() {
        Map<String, MaskedText> masked = masker.mask(strict, Map.of("payer.ac.acnum", "848572238259",
                "E1P0009.BANKN", "0532013000", "insurance.memberId", "W284419031",
                "CommunicationNumbers.PrimaryTelephone.Number", "6175550122", "contacts.0.wa_id", "5511987654321",
                "vals.passport_id", "PAC419283", "vals.bank_account_id", "77")).asMap();
        masked.forEach((name, text) -> {
            if (!name.equals("vals.bank_account_id")) {
                assertThat(text.text()).as(name).startsWith("‹");
            }
        });
        assertThat(masked.get("vals.bank_account_id").text()).isEqualTo("77");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        authenticate: basic auth user 'ljones' password 'Mabinogi#88' | Mabinogi#88
        %ASA-5-111008: User 'netadmin-kl' executed the 'username vpn-ckim password Ch4ngeMe!VPN privilege 0' command. | Ch4ngeMe!VPN
        username admin privilege 15 secret 5 $1$abcd$xyzxyzxyz | $1$abcd$xyzxyzxyz
        00:30.11 > b'JHLB1 LOGIN hannah.lloyd@btinternet.com "Penarth*Bay9"' | Penarth*Bay9
        """)
    void the_password_is_redacted(String line, String password) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(password).contains("[REDACTED:password]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Login failed: username or password incorrect", "Invalid username and password combination",
        "Password 'reset' link sent to user 42", "IMAP LOGIN disabled on port 143"})
    void prose_about_passwords_stays(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }
}
