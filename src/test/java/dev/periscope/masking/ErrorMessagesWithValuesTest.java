package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values written apart from a plain {@code key=value}: error messages that quote what they refused, database
 * messages that list columns and values apart, records logged as escaped JSON, Ruby hashes and XML.
 */
class ErrorMessagesWithValuesTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("signup");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Field error in object 'req' on field 'iban': rejected value [DE44 5001 0517 5407 3249 32]; codes [ValidIban] "
                + "| 5407 3249",
        "Field error in object 'req' on field 'dateOfBirth': rejected value [2009-07-30]; codes [Adult] | 2009-07-30",
        "Field error in object 'req' on field 'cardNumber': rejected value [4539 1043 3218 1968]; codes [x] | 3218",
    })
    void a_value_that_spring_rejected_under_a_confidential_field_is_masked_and_the_words_stay(String line,
            String value) {
        String masked = masker.mask(strict, line).text();

        assertThat(masked).doesNotContain(value).contains("rejected value [").contains("]; codes [");
    }

    @Test
    void a_value_spring_rejected_under_an_ordinary_field_stays() {
        String line = "Field error in object 'x' on field 'quantity': rejected value [-1]; codes [Min]";
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @Test
    void an_object_under_a_key_in_escaped_json_is_masked_up_to_its_closing_brace_only() {
        String line = "record=\"{\\\"id\\\":\\\"cus_1\\\",\\\"address\\\":{\\\"city\\\":\\\"Dublin\\\","
                + "\\\"line1\\\":\\\"14 Merrion Square\\\"},\\\"created\\\":1763890001}\" status=200 duration_ms=41";

        String masked = masker.mask(strict, line).text();

        assertThat(masked).doesNotContain("Merrion").contains("\\\"address\\\":‹address:")
                .endsWith(",\\\"created\\\":1763890001}\" status=200 duration_ms=41");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Passport No: C01X00T47 | C01X00T47", "ID card number: L01X00T47 | L01X00T47",
        "Tax ID: 12-3456789 | 3456789"})
    void a_national_id_after_a_label_written_in_words_is_tokenized(String line, String value) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(value).contains("‹national-id:");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DETAIL:  Key (first_name, last_name, date_of_birth)=(José, Álvarez Núñez, 1984-03-12) already exists. "
                + "| Álvarez",
        "DETAIL:  Key (username)=(mgonzalez88) already exists. | mgonzalez88",
        "DETAIL:  Key (\"TaxId\")=(DE123456789) already exists. | DE123456789",
        "INSERT INTO users (email, password, first_name) VALUES ('noah@x.org', 'Winter2026!nw', 'Noah') | Winter2026",
        "[[\"email\", \"f.b@virgilio.it\"], [\"encrypted_password\", \"$2a$12$R9h/cIPz0gi.URNNX3kh2O\"]] "
                + "| R9h/cIPz0gi",
        "DETAIL:  Key (last_name, note)=(Bianchi, a, b) already exists. | Bianchi",
    })
    void a_value_listed_apart_from_its_column_is_masked_by_the_columns_rule(String line, String value) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(value);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "INSERT INTO \"users\" (\"email\", \"encrypted_password\", \"first_name\") VALUES ($1, $2, $3)",
        "insert into orders (id, status, total) values (1, 'new', 12.5), (2, 'paid', 3)",
        "DETAIL:  Key (tenant_id, day)=(42, 2026-11-23) already exists.",
        "Completed 200 OK in 12ms (Views: 1.2ms | ActiveRecord: 3.4ms)",
    })
    void placeholders_and_values_of_ordinary_columns_stay(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Postcode: SW1A 1AA lookup returned 14 addresses | SW1A 1AA | lookup returned 14 addresses",
        "Zip code: 94103-1234 ok | 94103 | ok",
        "zip=94103 city=SF | 94103 | city=SF",
    })
    void a_postal_code_is_tokenized_and_the_words_after_it_stay(String line, String code, String rest) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(code).endsWith(rest);
    }

    @org.junit.jupiter.api.Test
    void a_password_in_a_url_encoded_command_is_redacted() {
        assertThat(masker.mask(strict, "exec?command=PGPASSWORD%3DPg%21Adm1n2026+psql&container=db").text())
                .doesNotContain("Adm1n2026").endsWith("&container=db");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"codice_fiscale=RSSMRA85T10A562S | RSSMRA85T10A562S",
        "cf RSSMRA85T50A562S ok | RSSMRA85T50A562S"})
    void an_italian_fiscal_code_is_tokenized(String line, String code) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(code).contains("‹it-fiscal-code:");
    }

    @Test
    void rails_parameters_are_masked_by_key_and_a_value_rails_filtered_stays_as_rails_wrote_it() {
        String line = "Parameters: {\"billing\"=>{\"line1\"=>\"Via del Corso 112\", \"city\"=>\"Roma\"}, "
                + "\"user\"=>{\"password\"=>\"[FILTERED]\"}}";

        String masked = masker.mask(strict, line).text();

        assertThat(masked).doesNotContain("Corso").contains("\"line1\"=>\"‹address:")
                .endsWith("\"city\"=>\"Roma\"}, \"user\"=>{\"password\"=>\"[FILTERED]\"}}");
    }

    @Test
    void an_xml_element_that_a_field_rule_names_has_its_text_masked() {
        String line = "<user><firstName>Bob</firstName><ssn>123456789</ssn>"
                + "<ns:dateOfBirth xml:lang=\"en\">1980-01-02</ns:dateOfBirth><status>ok</status></user>";

        String masked = masker.mask(strict, line).text();

        assertThat(masked).doesNotContain("Bob").doesNotContain("123456789").doesNotContain("1980-01-02")
                .contains("<firstName>‹name:", "<status>ok</status>");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DETAIL: Key (first_name, last_name)=(Siobhan, O'Brien) already exists. | O'Brien",
        "DETAIL: Key (tenant_id, password)=(42, p4ss)w(rd!) already exists. | w(rd",
        "INSERT INTO users (email, password) Values ('a@b.io','Winter2026!') | Winter2026",
        "INSERT INTO users (email, password)  VALUES ('a@b.io','Winter2026!') | Winter2026",
        "INSERT INTO t (a, b) VALUES (1, 2); INSERT INTO users (id, password) VALUES (1, 'Winter2026!') | Winter2026",
        "INSERT INTO users (id, password) VALUES (1, '$ecret123') | ecret123",
        "[[\"password\",\"hunter2\"]] | hunter2",
        "Postcode: D02 R296 | R296",
        "zip: 114 55 | 114 55",
        "postcode=sw1a 1aa | 1aa",
    })
    void values_in_lists_and_codes_in_two_parts_are_masked_whole(String line, String value) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(value);
    }

    @Test
    void a_nil_in_a_rails_bind_list_stays() {
        assertThat(masker.mask(strict, "[[\"password\", nil]]").text()).isEqualTo("[[\"password\", nil]]");
    }
}
