package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Secrets as scripts, mainframes and interchange records write them: a pipeline's evaluated secrets, PowerShell's
 * plain text secure strings, net use and RACF passwords, an X12 header's password, and keys of payment, analytics
 * and eSIM records. Also what stays: an X12 header without a password, net use asking for one.
 */
class SecretsOfScriptsAndRecordsTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("ops");

    @ParameterizedTest
    @CsvSource(delimiter = '§', textBlock = """
        ##[debug]Evaluating: secrets.AZURE_DEVOPS_PAT => yp99ke3dh41g1xmbr8fh1zntundx82ns6tsdb4jptrq81lb82gy1 § yp99ke3
        $pw = ConvertTo-SecureString 'Brightwell#Adm1n2025' -AsPlainText -Force § Adm1n2025
        CommandLine="net use \\\\fs02\\hr /user:BRIGHTWELL\\kpatel Kp@tel-Sept25" User=x § Sept25
        IRR013I VERIFICATION FAILED. INVALID PASSWORD GIVEN. USER(JMORRIS) PASSWORD(TIGER77) § TIGER77
        ISA*00*          *01*Xk92mLq0  *ZZ*NORTHBAYHLTH   *ZZ*AVAILITY       *250914*1312*^*00501 § Xk92mLq0
        <transactionKey>nHDrvLq8obh73rKc</transactionKey><cardCode>159</cardCode> § nHDrvLq8obh73rKc
        <transactionKey>nHDrvLq8obh73rKc</transactionKey><cardCode>159</cardCode> § 159
        {"writeKey":"Ekrwhs1l36wgLx62oUCRWuvVzaX","cv2":"7391"} § Ekrwhs1l36wgLx62oUCRWuvVzaX
        {"writeKey":"Ekrwhs1l36wgLx62oUCRWuvVzaX","cv2":"7391"} § 7391
        {"secret_hash":"FLWSECK-c3cecdac7ef81344b4cb650e1d2a5e20-X"} § c3cecdac7ef81344b4cb650e1d2a5e20
        msisdn=+491702287731 matchingId=K2-3F9QX-1LM8Z7 § K2-3F9QX-1LM8Z7
        {"confirmationCode":"44120881","X-DocuSign-Signature-1":"fkJzSeaMj/zDG+1Me3iVzrh7M51x0VDxDjO3h9E4Wh8="} § 44120881
        """)
    void the_secret_is_masked(String line, String secret) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(secret);
    }

    @Test
    void an_x12_header_without_a_password_and_net_use_asking_for_one_stay() {
        String header = "ISA*00*          *00*          *ZZ*AVAILITY       *ZZ*NORTHBAYHLTH   *250914";
        assertThat(masker.mask(strict, header).text()).isEqualTo(header);
        assertThat(masker.mask(strict, "net use Z: \\\\fs02\\hr /user:svc-backup *").text()).endsWith(" *");
    }
}
