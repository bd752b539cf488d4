package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names after the part a person plays, in more languages and at the start of a sentence; under the keys payroll,
 * identity and payment systems use; and in the fields of chat, payment, health and CRM events.
 */
class NamesInMoreRolesAndLanguagesTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("crm");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        Cardholder Evelyn Hart disputes charge. | Evelyn Hart
        on-call: Tomasz Nowicki (tnowicki@larkspur.app, +48 601 234 567) | Tomasz Nowicki
        Salarié Camille Lefèvre NIR=1 | Camille Lefèvre
        PESEL 63062720318 pracownik Agnieszka Wiśniewska konto | Agnieszka Wiśniewska
        eGK gelesen: Versicherte(r) Heike Baumann geb. 30.06.1958 | Heike Baumann
        verzekerde: Sanne Visser, geb. 12-05-1984 | Sanne Visser
        renter=Jonathan Reyes DL=D4128834 | Jonathan Reyes
        courier="Diego R." drop_off | Diego R.
        Elo aprovado titular=Rodrigo Alves | Rodrigo Alves
        DigiLocker fetch ok: aadhaar=8286 1447 9483 name=Ritika Bansal gender=F | Ritika Bansal
        eID gelezen: naam=Peeters voornamen=Lucas Jan | Peeters
        segment E1P0002 NACHN=Hoffmann VORNA=Sabine GBDAT=19760508 | Sabine
        "body":"name=Sophie+Whitaker&email=s.whitaker%40btinternet.com" | Whitaker
        Hi, I'm Siobhán Walsh, my tracking number is 1Z999AA10123456784 | Siobhán
        Soy Gloria Ruiz, mi número de seguro social | Gloria Ruiz
        this is Maria Lopez calling about the refund | Maria Lopez
        <saml2:Attribute Name="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname"><saml2:AttributeValue>Conor</saml2:AttributeValue> | Conor
        Order 10452 [metadata] => Array ( [customer_name] => Femke de Jong [customer_email] => femke@ziggo.nl ) | Femke
        """)
    void the_name_is_masked(String line, String name) {
        assertThat(masker.mask(strict, line).text()).doesNotContain(name);
    }

    @Test
    void php_s_array_keys_end_a_name_s_words() {
        assertThat(masker.mask(strict, "Array ( [customer_name] => Femke de Jong [order_id] => 10452 )").text())
                .contains("[order_id] => 10452 )").doesNotContain("Femke");
    }

    @ParameterizedTest
    @ValueSource(strings = {"I'm Not Sure what happened", "I am Unable To Connect", "This is Production Cluster",
        "Member Services Team replied", "Customer Service Portal is down",
        "Patient Portal login page served", "customer escalation: call back requested"})
    void a_role_word_before_words_of_a_thing_stays(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @Test
    void the_name_fields_of_chat_payment_health_and_crm_events_are_masked() {
        Map<String, MaskedText> masked = masker.mask(strict, Map.of("displayname", "Lotte de Wolf",
                "global_name", "Kai Brennan", "details.consumerName", "L. de Wolf", "Lead_Name__c", "Marcus Whitfield",
                "Author", "Łukasz Wójcik", "clinician.name", "Anil Mehta", "author", "kubernetes-bot-ci")).asMap();
        masked.forEach((name, text) -> {
            if (!name.equals("author")) {
                assertThat(text.text()).as(name).startsWith("‹name:");
            }
        });
        assertThat(masked.get("author").text()).isEqualTo("kubernetes-bot-ci");
    }
}
