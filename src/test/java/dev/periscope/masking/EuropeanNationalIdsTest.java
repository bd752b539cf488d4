package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Swedish personnummer, French NIR, Irish PPS, Danish CPR and German social insurance, tax and health insurance
 * numbers in the places logs hold them, and the numbers of the same shape that are none: order ids, timestamps,
 * phone numbers, and ids whose check fails.
 */
class EuropeanNationalIdsTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("citizen-portal");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // Swedish: YYMMDD-NNNN anywhere, a samordningsnummer (day + 60), the long and bare forms next to a word.
        "user 811218-9876 logged in | 811218-9876 | se-personnummer",
        "{\"subject\":\"811218-9876\",\"action\":\"login\"} | 9876 | se-personnummer",
        "born a century ago: 811218+9876 | 9876 | se-personnummer",
        "samordningsnummer 701063-2391 registrerad | 2391 | se-personnummer",
        "Kunden med personnummer 8112189876 har loggat in | 8112189876 | se-personnummer",
        "lookup pnr=198112189876 status=found | 198112189876 | se-personnummer",
        "{\"pnr\":\"19811218-9876\"} | 9876 | se-personnummer",
        "applicant's Swedish ID: 198112189876, verified | 198112189876 | se-personnummer",
        "personnummer ID198112189876 saknas | 9876 | se-personnummer",
        // French: bare, in the Carte Vitale's groups, with the key apart, Corsica.
        "insured 1 84 12 76 451 089 46 ok | 089 46 | fr-nir",
        "{\"numeroSecu\":\"184127645108946\"} | 184127645108946 | fr-nir",
        "Numéro de sécurité sociale : 2 69 05 49 588 157 80. | 588 157 80 | fr-nir",
        "assure 2 93 02 2A 012 345 74 (Corse) | 012 345 74 | fr-nir",
        "insee=1841276451089 46 | 1841276451089 | fr-nir",
        // Irish: one or two letters, either case, next to a word.
        "PPSN: 1234567T | 1234567T | ie-ppsn",
        "{\"ppsn\":\"1234567FA\"} | 1234567FA | ie-ppsn",
        "customer PPS number 7654321G on file | 7654321G | ie-ppsn",
        "pps_no=1234567t | 1234567t | ie-ppsn",
        // Danish: with or without the dash, next to a word; 29 February 2000 by the serial's century.
        "cpr=010190-1234 | 010190-1234 | dk-cpr",
        "Patient CPR-nr. 1505922345 indlagt | 1505922345 | dk-cpr",
        "{\"cprNummer\":\"311299-3001\"} | 3001 | dk-cpr",
        "personnummer: 290200-4234 | 4234 | dk-cpr",
        // German: the pension insurance number anywhere, bare or in groups; the tax id and the health insurance
        // number next to a word, the tax id in the tax office's groups too.
        "Versicherter SV-Nummer 65 170839 J 003 angelegt | 170839 | national-id",
        "{\"versicherung\":{\"rvnr\":\"15070649C103\"}} | 15070649C103 | national-id",
        "payroll export row 38551285K051;Lohn;3200 | 38551285K051 | national-id",
        "Meine Steuer-ID: 12345678903. | 12345678903 | national-id",
        "IdNr. 98765432106 liegt vor. | 98765432106 | national-id",
        "ELSTER lookup steuerliche Identifikationsnummer 12 345 678 903 ok | 678 903 | national-id",
        "Krankenkasse meldet KVNR A123456780 | A123456780 | health-id",
        "eGK gelesen: m123456785 | m123456785 | health-id",
    })
    void a_national_id_is_tokenized_under_its_label(String line, String value, String label) {
        assertThat(masker.mask(strict, line).text()).as(line).doesNotContain(value).contains("‹" + label + ":");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // Swedish: wrong Luhn, month 13, a date and a time, an epoch time and a phone number without the word,
        // day 42.
        "order 811218-9875 shipped", "ref 811318-9875 failed", "backup 20240115-0228 done",
        "job started 202401150228 ok", "ts=1705312351 request served", "queue 0701234569 drained",
        "personnummer 811218-9875 rejected: wrong check digit", "pnr 200504422381 rejected",
        // French: wrong key, order ids, sex 9, month 13, order number 000, longer runs of digits or groups.
        "insured 1 84 12 76 451 089 47 ok", "nir 184127645108947 refused", "order 123456789012345 shipped",
        "sex 9: 984127645108934", "month 13: 184137645108962", "order number 000: 184127645100038",
        "trace 1841276451089460 sampled", "table 5 1 84 12 76 451 089 46", "row 1 84 12 76 451 089 46 12",
        // Irish: no word, a hex id, wrong check letters, three letters.
        "build 1234567T promoted", "commit 1234567a reverted", "PPSN: 1234567A rejected",
        "PPS number 1234567TA invalid", "ppsn 1234567FAB",
        // Danish: no word, day 32, 29 February 1900, month 13, epoch milliseconds.
        "order 010190-1234 shipped", "cpr 320190-1234 invalid", "cpr 290200-1234 invalid", "cpr 011390-1234 invalid",
        "cpr check took 12 ms at 1705312345678",
        // German: a wrong check digit, month 13, no letter; eleven digits and a letter with nine without the word.
        "SV-Nummer 15070649C100 abgelehnt", "ref 15071349C103 failed", "batch 150706491103 done",
        "order 12345678903 shipped", "Steuer-ID 12345678901 ungültig", "part A123456780 in stock",
    })
    void numbers_of_the_same_shape_that_fail_the_checks_or_lack_the_word_stay(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }
}
