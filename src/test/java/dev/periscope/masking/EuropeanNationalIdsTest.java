package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Swedish personnummer in the places logs hold them, and the numbers of the same shape that are none: order ids,
 * timestamps, phone numbers, and ids whose check fails.
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
    })
    void numbers_of_the_same_shape_that_fail_the_checks_or_lack_the_word_stay(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }
}
