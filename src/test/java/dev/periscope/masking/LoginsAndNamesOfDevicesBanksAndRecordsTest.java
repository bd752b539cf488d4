package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Logins as network devices, databases, mainframes and PowerShell write them; people named before their email in
 * parentheses, in XML records, after their part in more languages and under more keys; national and patient ids
 * under the keys their countries and records give them; bank accounts, birth dates and phones under more keys; the
 * names PowerShell's user cmdlets, RACF, SWIFT MT103 and slashed SEPA fields carry. Also what stays: a sentence
 * after a password's key that starts with a capital, a Unix time that starts a line, a controller's image version.
 */
class LoginsAndNamesOfDevicesBanksAndRecordsTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("ops");

    @ParameterizedTest
    @CsvSource(delimiter = '§', textBlock = """
        tac_plus[3321]: login failure: pdubois 195.25.44.130 (10.255.1.2) vty0 § pdubois
        mikrotik system,error,critical login failure for user kbaranowski from 37.248.160.74 § kbaranowski
        Authentication failed for client (8c85.9012.4be7) with username 'hmueller' on AP ap-lobby-02 § hmueller
        check_ntlm_password:  Authentication for user [fgarnier] -> [fgarnier] FAILED § fgarnier
        Audit record: ACTION_NAME=SELECT DBUSERNAME=TKOWALSKI USERHOST=PL-WAW-LT0921 § TKOWALSKI
        ICH408I USER(KTHOMP1) GROUP(PAYROLL ) NAME(KAREN THOMPSON      ) LOGON/JOB INITIATION § KTHOMP1
        New-ADUser -Name 'Yusuf Demir' -SamAccountName ydemir -AccountPassword $pw § ydemir
        Unable to send data to printer: ipp://printuser:Pr1ntMe2025@192.168.20.45:631/ipp/print § printuser
        {"_meta":{"psu_id":"ehuber1974","nickname":"rverma"}} § ehuber1974
        Invoice PDF generated for Ewa Mazur (ewa.mazur@interia.pl) § Mazur
        <patient><name><given>Evelyn</given><family>Park</family></name></patient> § Evelyn
        <patient><name><given>Evelyn</given><family>Park</family></name></patient> § Park
        Invalid card number for holder Bogdan Petrov § Petrov
        employee 8841 Anouk Verbeek missing BSN § Verbeek
        orden 8842119 ordenante=Ximena Rodríguez Peña cuenta=0146 beneficiario=Héctor Salazar § Salazar
        orden 8842119 ordenante=Ximena Rodríguez Peña cuenta=0146 beneficiario=Héctor Salazar § Ximena
        Bonjour, c'est Hélène Dupont, ma carte a été débitée § Dupont
        PRM 14295223410082 titulaire Nathalie Girard adresse § Girard
        Buchung Q7KX2M Reisende: Friederike Hahn (BahnCard 100) § Hahn
        PNR XK8Q4T passeggero Chiara Romano email § Romano
        declaration sender=Wei Zhang recipient=Li Na contents=books § Zhang
        Storing info for user anowak, gecos=Agnieszka Nowak, mail=a@example.pl § Nowak
        {"ticket_requester_name":"Aurélie Fontaine","ownerName":"Elisabeth Huber"} § Fontaine
        {"ticket_requester_name":"Aurélie Fontaine","ownerName":"Elisabeth Huber"} § Huber
        kyc-ro INFO verificare nume=Ionescu Maria-Elena serie CI § Ionescu
        PESEL 92042202966 imię i nazwisko Michał Zając § Zając
        verificare CNP=1910907089506 nume=Ionescu § 1910907089506
        person: uinfin=T8986468I name=TAN § T8986468I
        {nik=3174095512880004, nama=Rizky Pratama} § 3174095512880004
        SVNR=6896090463 Adresse=Mariahilfer Straße 88/12, 1070 Wien § 6896090463
        (0010,0020) PatientID=JP-H-0041182 (0010,0030) § JP-H-0041182
        fiscalNumber=TINIT-SPSGNN85M14F839W dateOfBirth=1985-08-14 § SPSGNN85M14F839W
        {"meta":{"bvn":"22188412044"}} § 22188412044
        cuenta_ordenante=014650033564999659 clabe_beneficiario=012650957236415905 § 014650033564999659
        cuenta_ordenante=014650033564999659 clabe_beneficiario=012650957236415905 § 012650957236415905
        directDeposit.routing=297932321 directDeposit.account=7820044192 § 7820044192
        {nik=3174095512880004, tgl_lahir=12-05-1988, hp=0812} § 1988
        (0010,0030) PatientBirthDate=19620303 from AE § 19620303
        submit_sm source_addr: "BrightBank" destination_addr: "447700900318" § 447700900318
        ?prenom=Camille&nom=Rousseau&tel=06%2039%2098%2017%2044 § 2017
        New-ADUser -Name 'Yusuf Demir' -SamAccountName ydemir -AccountPassword $pw § Demir
        ICH408I USER(KTHOMP1) GROUP(PAYROLL ) NAME(KAREN THOMPSON      ) LOGON/JOB INITIATION § THOMPSON
        :50K:/GB97BARC22758103390073\\nOLUWASEUN ADEBAYO\\n22 KENDAL RISE, LEEDS LS6 2JN :59:/AE353411050997587279180 § KENDAL
        :59:/AE353411050997587279180\\nFATIMA AL MANSOORI :70:INV 88412 :71A:SHA § MANSOORI
        /BIC/COBADEFFXXX/NAME/Dr. Ulrike Sommerfeld/REMI/Miete September § Sommerfeld
        """)
    void the_login_or_name_is_masked(String line, String value) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"check_ntlm_password:  Authentication for user", "password: Must be at least 8 characters",
        "1757843000: Opening ipv4 listen socket on port 8883.", "AP ap-lobby-02 joined controller wlc-01, image 17.9.6.21"})
    void a_sentence_after_a_passwords_key_a_unix_time_or_an_image_version_stays(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }
}
