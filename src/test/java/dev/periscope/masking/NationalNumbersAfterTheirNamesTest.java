package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A national number after the name its country gives it, in the shape that name promises. */
class NationalNumbersAfterTheirNamesTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("kyc");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        HKID G348833(A) matched | G348833
        TW ID B250054909 pending | B250054909
        SG NRIC S7381047G verified | S7381047G
        CL RUT 22.562.640-5 Valentina | 22.562.640-5
        CUIT 20-35506260-1 Martín | 35506260
        RFC GODE561231GR8 ok | GODE561231GR8
        CURP GOMC900101HDFRRR09 ok | GOMC900101HDFRRR09
        BSN 843099793 onbekend | 843099793
        BankID NO ok fnr=21065141180 name | 21065141180
        Teudat Zehut 620124834 pending | 620124834
        KVNR D803560309 Versicherte | D803560309
        UPN R873566913644 enrolled | R873566913644
        マイナンバー 450478949265 を登録しました | 450478949265
        身份证号310104199706101765，地址 | 310104199706101765
        ο πελάτης, ΑΜΚΑ 02115413839, ΑΦΜ 411477620, διεύθυνση | 02115413839
        ο πελάτης, ΑΦΜ 411477620, διεύθυνση | 411477620
        klient Mart Tamm, isikukood 39901215460, konto | 39901215460
        khách hàng, CCCD 079061568605, SĐT | 079061568605
        pelanggan, NIK 3273751406670535, HP | 3273751406670535
        הלקוחה, ת.ז. 994643609, טלפון | 994643609
        applicant, Emirates ID 784-1986-1990586-6, mobile | 1990586
        العميل، رقم الهوية الوطنية 1186974067، الجوال | 1186974067
        Mitarbeiter angelegt, SV-Nummer 1397 040979, Bankverbindung | 040979
        """)
    void the_number_is_masked(String line, String number) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"see RFC 7231 section 6.5.1", "the run 12345678 took 3s", "UPN jane@contoso.com signed in",
        "NIK 12345 not found", "SV-Nummer fehlt", "CCCD scan 2 of 3",
        "BSN lookup failed"})
    void a_name_without_its_shape_stays(String line) {
        assertThat(masker.mask(strict, line).text()).doesNotContain("‹national-id:");
    }
}
