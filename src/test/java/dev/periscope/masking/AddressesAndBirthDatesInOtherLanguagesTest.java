package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Addresses under their keys in other languages and systems, and written out as France, the Netherlands, Poland, Spain,
 * China, Japan and Korea write them; birth dates after the words other languages use.
 */
class AddressesAndBirthDatesInOtherLanguagesTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("payroll");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        paie: IBAN=FR02 7746 adresse=18 rue des Lilas, 69003 Lyon | rue des Lilas
        verzekerde: Sanne Visser, geb. 12-05-1984) | 12-05-1984
        ELStAM-Abruf für Herrn W., geb. am 04.11.1969, Steuerklasse 3 | 04.11.1969
        Elle est née le 12/03/1990 à Lyon | 12/03/1990
        segment E1P0006 STRAS=Goethestraße 12 PSTLZ=60313 ORT01=Frankfurt GBDAT=19760508 | Goethestraße
        segment E1P0002 GBDAT=19760508 | 19760508
        <Cdtr><PstlAdr><StrtNm>Prinsengracht</StrtNm><BldgNb>263</BldgNb></PstlAdr></Cdtr> | Prinsengracht
        id_scan surname=ROMANO birth=1987-04-09 | 1987-04-09
        home Vondelstraat 142-III, 1054 GR Amsterdam | Vondelstraat
        adres ul. Marszałkowska 84/92 m. 15, 00-514 Warszawa | Marszałkowska
        vivo en Avenida de la Constitución 18, 3º izq, 41001 Sevilla. No | Constitución
        Livraison refusée pour x, 8 allée des Cerisiers, 33600 Pessac : code postal | Cerisiers
        收货地址北京市朝阳区建国路88号SOHO现代城2号楼1205 | 建国路
        住所は大阪府大阪市北区梅田3-1-3、電話 | 梅田
        〒150-0041 東京都渋谷区神南1-19-11 パークウェースクエア2 4F | 神南
        주소 서울특별시 강남구 테헤란로 152 | 테헤란로
        """)
    void the_value_is_masked(String line, String value) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(value);
    }

    @Test
    void address_and_birth_fields_in_other_shapes_are_masked() {
        Map<String, MaskedText> masked = masker.mask(strict, Map.of("billing.address_1", "Oudegracht 212",
                "partner.private_street", "Calle de Alcalá 214, 3º B", "birth", "1987-04-09",
                "birth_place", "Rome")).asMap();
        assertThat(masked.get("billing.address_1").text()).startsWith("‹address:");
        assertThat(masked.get("partner.private_street").text()).startsWith("‹address:");
        assertThat(masked.get("birth").text()).startsWith("‹dob:");
        assertThat(masked.get("birth_place").text()).isEqualTo("Rome");
    }
}
