package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An HL7 v2 PID segment names its patient by position: the id, the name, the birth date, the address, the phones,
 * the account, the SSN and the driver's licence are masked; the coded fields and the ids' authorities stay.
 */
class Hl7SegmentsTest {

    private static final String PID = "PID|1||57145182^^^HOSP^MR||SINGH^MOHAMMED|PATEL|19971202|F|||"
            + "123 Main St^^Boston^MA^02118||555-555-1234|(617)555-2954||S||ACCT217200|123-45-6789|S99988801^MA";

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("adt");

    @Test
    void every_field_that_names_the_patient_is_masked() {
        String masked = masker.mask(strict, PID).text();
        assertThat(masked).doesNotContain("57145182", "SINGH", "MOHAMMED", "PATEL", "19971202", "Main St", "Boston",
                "02118", "555-1234", "555-2954", "ACCT217200", "6789", "S99988801");
    }

    @Test
    void the_coded_fields_and_the_authority_of_the_id_stay() {
        String masked = masker.mask(strict, PID).text();
        assertThat(masked).startsWith("PID|1||‹health-id:").contains("›^^^HOSP^MR||‹name:")
                .contains("›|F|||‹address:").contains("›||S||‹health-id:").endsWith("›^MA");
    }

    @Test
    void a_segment_in_a_message_logged_on_one_line_is_masked() {
        String line = "ADT^A01 received: MSH|^~\\&|EPIC|HOSP|LAB|HOSP|20240611103000||ADT^A01|MSG00001|P|2.5\\r"
                + "PID|1||21584858^^^HOSP^MR||VAN DER BERG^ELENA||19720821|F\\rPV1|1|I|W^389^1";
        String masked = masker.mask(strict, line).text();
        assertThat(masked).doesNotContain("21584858", "VAN DER BERG", "19720821")
                .contains("MSH|^~\\&|EPIC|HOSP|LAB|HOSP|20240611103000||ADT^A01|MSG00001|P|2.5");
    }

    @Test
    void a_list_of_patient_ids_is_masked_whole() {
        String masked = masker.mask(strict, "PID|1||123456^^^A^MR~987654^^^B^PI||DOE^JANE").text();
        assertThat(masked).doesNotContain("123456", "987654", "DOE");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "USER|PID|COMMAND",
        "ps: PID|PPID|CMD 42|1|nginx",
        "RAPID|1||2|3",
    })
    void bars_after_pid_that_are_no_segment_stay(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }
}
