package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * People, logins and passwords where records and tools put them: customers named in scripts without capitals, a
 * command's name and user flags, SIP display names, X12, HL7 next of kin and guarantor, DICOM, vCard and iCalendar,
 * ISO 20022 parties, Windows domains, WebDAV paths, VPN and broker logs, and the passwords of rsync, Wi-Fi, pipelines
 * and archivers; keys written in Korean, Japanese or Chinese, and names before their honorifics. Also what stays:
 * paths with backslashes, a lock's holder, a SIP call's id, a machine's own accounts, roles before an honorific.
 */
class PeopleInRecordsAndOtherScriptsTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("ops");

    @ParameterizedTest
    @CsvSource(delimiter = '§', textBlock = """
        Обращение 88412: клиент Петров Алексей Сергеевич, СНИЛС 386-798-611 71 § Петров
        Σημείωση: ο πελάτης Γιώργος Παπαδόπουλος, ΑΜΚΑ 02115413839 § Παπαδόπουλος
        ملاحظة الدعم: العميل محمد العتيبي، رقم الهوية § العتيبي
        टिकट #44182: ग्राहक अनन्या कृष्णन ने आधार § कृष्णन
        บันทึก: ลูกค้า สมชาย ใจดี เลขบัตรประชาชน § สมชาย
        상담 메모: 고객 김민준 님 확인 § 김민준
        收货人 张伟，电话 § 张伟
        הערת שירות: הלקוחה נועה לוי, ת.ז. § נועה
        Poznámka: pan Jan Novák, rodné číslo § Novák
        Notă apel: doamna Ioana Popescu, CNP § Popescu
        Catatan CS: pelanggan Siti Rahmawati, NIK § Rahmawati
        Ghi chú: khách hàng Nguyễn Thị Lan, CCCD § Nguyễn
        Nota: la señora Valentina Rodríguez, cédula § Rodríguez
        cliente: Buongiorno, sono Giulia Santoro, codice fiscale § Santoro
        mismatch for taxpayer Helen Ashworth (tax year 2024-25) § Ashworth
        Hi it's Eleanor Price, my new address is § Eleanor
        ipa user-add lbarros --first=Luana --last=Barros --email=x@example.org § Barros
        airflow users create --firstname Fatima --lastname Benali --role Admin § Fatima
        From: "Ingrid Solberg" <sip:+4791234567@sip.fjordtel.no>;tag=as58f4201b § Solberg
        P-Asserted-Identity: "Kofi Boateng" <tel:+233302441882> § Boateng
        Set("PJSIP/trunk-gamma", "CALLERID(name)=Dr Samuel Okafor") in new stack § Okafor
        NM1*IL*1*GARCIA*ROSA*M***MI*W41822907~DMG*D8*19740312*F~ § GARCIA
        NM1*IL*1*GARCIA*ROSA*M***MI*W41822907~DMG*D8*19740312*F~ § 19740312
        NK1|1|OYELARAN^BISI^^^^|SPO^Spouse^HL70063|14 Cedar Close^^Reading § OYELARAN
        GT1|1|88412|WHITFIELD^MARCUS^J||1182 Lakeview Dr^^Madison^WI^53703|(608) 555-0143||19681103|M § 19681103
        GT1|1|88412|WHITFIELD^MARCUS^J||1182 Lakeview Dr^^Madison^WI^53703|(608) 555-0143||19681103|M § Lakeview
        (0010,0010) PN [KOWALCZYK^HALINA]                      #  16, 1 PatientName § KOWALCZYK
        (0010,0030) DA [19580923]                                 #   8, 1 § 19580923
        BEGIN:VCARD\\r\\nFN:Zofia Kowalczyk\\r\\nBDAY:1984-05-19\\r\\nEND:VCARD § Zofia
        BEGIN:VCARD\\r\\nFN:Zofia Kowalczyk\\r\\nBDAY:1984-05-19\\r\\nEND:VCARD § 1984-05-19
        ATTENDEE;CN="Noah Fischer";ROLE=REQ-PARTICIPANT:mailto:n@example.ch § Fischer
        <Dbtr><Pty><Nm>Pieter van der Berg</Nm></Pty></Dbtr> § Pieter
        smbd_audit: HVL\\m.oyelaran|10.20.4.118|WS-FIN-0412|finance|openat|ok § oyelaran
        NTLM CRAP authentication for user [HVL]\\[t.vasquez] returned NT_STATUS_WRONG_PASSWORD § vasquez
        gateway-auth,login,,,hvl\\j.moreau,,HVL-LT-0931 § moreau
        PUT /remote.php/dav/files/a.keller/Patienten/report.pdf § keller
        CLIENT_LIST,n.okonkwo,102.89.34.17:61233,10.8.0.22,,4481932,119 § okonkwo
        FINISHED :: elapsed 1182ms :: user s.ndlovu :: source trino-cli § ndlovu
        connected from 10.90.4.41:51822 as meter-c8351ec9 (p2, c1, k60, u'g.fischer'). § fischer
        Received PUBLISH (d0, q1, r0, m41, 'owntracks/jbrennan/pixel8', ... (182 bytes)) § jbrennan
        Contact: <sip:isolberg@192.168.44.21:5060;transport=tcp> § isolberg
        airflow users create --role Admin --username fbenali --email x@example.org § fbenali
        remote.origin.url=https://mwachira:hunter2-Blue-9@github.com/x/y.git § mwachira
        rsync: auth failed on module backup (password Nas-Backup!Brandt) § Nas-Backup
        802-11-wireless-security.psk:           Kaffeekanne!Blau77 § Kaffeekanne
        ##[debug]Evaluating: variables['sqlAdminPassword'] => 'Azur3-SQL-adm!n-88' § Azur3
        "C:\\Program Files\\7-Zip\\7z.exe" a -pExp0rt-HR-Nov! -mhe=on C:\\tmp\\x.7z § Exp0rt
        upload ok: /srv/hr/Lohnabrechnung_Oyelaran_Maryam.pdf § Oyelaran
        stored payslip-2026-10-Jane-Doe.pdf § Jane
        passport_Maria_Lopez_front.jpg § Lopez
        """)
    void the_person_login_or_password_is_masked(String line, String value) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '§', textBlock = """
        주문 접수 고객명=김민준 주문번호=A-1002 § 김민준
        고객명=김민준 전화번호=010-1234-5678 배송지주소=서울특별시 강남구 테헤란로 152 § 1234-5678
        고객명=김민준 전화번호=010-1234-5678 배송지주소=서울특별시 강남구 테헤란로 152 § 테헤란로
        お客様氏名: 山田太郎 § 山田太郎
        お客様氏名=山田太郎 電話番号=090-1234-5678 生年月日=1985-04-12 § 1985-04-12
        收货人姓名=张伟 电话=13800138000 收货地址=上海市浦东新区世纪大道100号 § 13800138000
        收货人姓名=张伟 电话=13800138000 收货地址=上海市浦东新区世纪大道100号 § 世纪大道
        {"customer":{"氏名":"山田 太郎","고객명":"김민준"}} § 山田
        김민준 님의 주문이 접수되었습니다 § 김민준
        박서연님께서 결제하셨습니다 § 박서연
        山田太郎様のご注文を受け付けました § 山田太郎
        佐藤 花子 様 § 花子
        鈴木一郎さんのアカウント § 鈴木一郎
        木村 陽子です。よろしくお願いします § 陽子
        山田太郎と申します § 山田太郎
        """)
    void a_name_phone_address_or_birth_date_under_an_east_asian_key_or_before_an_honorific_is_masked(String line,
            String value) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"사용자님 환영합니다", "고객님 주문 확인", "부사장님 승인 대기", "お客様各位", "利用者様へのお知らせ",
        "取引先様", "皆様", "파일이름=report.pdf 상태=OK", "処理中です"})
    void roles_companies_and_other_keys_stay(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cd src\\main.java && copy C:\\Windows\\system32\\x.dll",
        "holder: Writer Thread", "Call-ID: 3496e52b725d5e60f87c3ea4a2c993ed@sbc01.harbourline.io",
        "resume_Upload_Handler.py", "contract_Service_Level.pdf", "Passport_Scan_Front.jpg", "cv_Template_Modern.docx"})
    void paths_and_a_locks_holder_stay(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @Test
    void a_machines_own_account_stays_in_name_and_login_fields_and_an_address_keeps_its_loopback() {
        var masked = masker.mask(strict, Map.of("output_fields.user.name", "root", "USER_NAME", "SYSTEM",
                "peer.address", "[::1]:51822", "payload.bootloader", "1.0.0.4", "login", "jsmith")).asMap();
        assertThat(masked.get("output_fields.user.name").text()).isEqualTo("root");
        assertThat(masked.get("USER_NAME").text()).isEqualTo("SYSTEM");
        assertThat(masked.get("peer.address").text()).isEqualTo("[::1]:51822");
        assertThat(masked.get("payload.bootloader").text()).isEqualTo("1.0.0.4");
        assertThat(masked.get("login").text()).startsWith("‹user:");
    }

    @Test
    void eight_digits_after_00_are_a_code_not_a_phone_number() {
        assertThat(masker.mask(strict, "tag 00181020 and 00100010 read").text()).contains("00181020", "00100010");
        assertThat(masker.mask(strict, "call 0044 20 7946 0958 now").text()).doesNotContain("7946");
    }
}
