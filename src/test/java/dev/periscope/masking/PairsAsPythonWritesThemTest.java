package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Python writes a form's fields as pairs, {@code ('name', 'value')}: their values are read as a key's. */
class PairsAsPythonWritesThemTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("checkout");

    @Test
    void the_values_of_a_form_s_pairs_are_masked_by_their_names() {
        String masked = masker.mask(strict, "DEBUG in checkout: form=ImmutableMultiDict([('name', 'Oluwaseun Adeyemi'),"
                + " ('card', '4625 0951 2954 7078'), ('cvc', '907'), ('zip', '94110'), ('qty', '2')])").text();
        assertThat(masked).doesNotContain("Oluwaseun").doesNotContain("'907'").doesNotContain("94110")
                .contains("('qty', '2')").contains("('name', '‹name:");
        assertThat(masker.mask(strict, "[('password', 'hunter2'), ('email', 'a@b.co')]").text())
                .isEqualTo("[('password', '[REDACTED:password]'), ('email', '" + masker.mask(strict, "a@b.co").text()
                        + "')]");
    }

    @Test
    void a_pair_that_names_no_person_and_a_list_that_is_no_pair_stay() {
        for (String line : new String[] {"args=(('name', 'Nginx Ingress'), ('replicas', '3'))",
            "columns=['name', 'Bob Smith'] order", "('id', 42)"}) {
            assertThat(masker.mask(strict, line).text()).isEqualTo(line);
        }
    }
}
