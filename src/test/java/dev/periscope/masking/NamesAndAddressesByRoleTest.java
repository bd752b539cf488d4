package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * People named by the part they play (a card holder, a beneficiary, a requester), names such as MacDonald and
 * Jean-Luc, and addresses under shipping keys or quoted in a sentence about an address.
 */
class NamesAndAddressesByRoleTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("crm");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SEPA transfer of EUR 6493,49 (beneficiary: Aisha Novak, reference: INV-58409)|Aisha Novak",
        "tokenizing card number=**** exp=06/29 holder=\"Brian Tanaka\"|Brian Tanaka",
        "ticket #29023 created: requester=\"William Patel\" <w@example.com>|William Patel",
        "policy_holder=\"Mary O'Brien\" renewed|O'Brien",
        "Callback requested by Name: Isabella MacDonald, Phone: unknown|MacDonald",
        "customer signup name=Jean-Luc Murphy email=x@example.com|Jean-Luc",
        "label created: ship_to=\"Hiroshi Fischer, 8215 River Way, Boston, MA 02116\" carrier=UPS|8215 River Way",
        "IPN: first_name=Siobhan&address_street=5286%20Jefferson%20Lane&address_city=Boston|Jefferson",
        "contact 82574 address changed from \"4486 Madison Pl, Columbus\" to \"410 Spring Pl, Brooklyn\"|Madison",
        "contact 82574 address changed from \"4486 Madison Pl, Columbus\" to \"410 Spring Pl, Brooklyn\"|Spring Pl",
    })
    void a_name_or_an_address_under_a_role_or_in_a_sentence_about_it_is_masked(String line, String value) {
        assertThat(masker.mask(strict, line).text()).as(line).doesNotContain(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"recipient: Order Service", "holder: Acme Corp", "payer=checkout",
        "holder: Writer Thread", "Recipient: Finance Department", "requester: Monitoring Bot",
        "tenant: Acme Widgets", "ship_to=warehouse-3 bill_to=ACME-ENT-001", "Address is \"ws://localhost:8080/socket\"",
        "address type changed from \"home\" to \"work\"", "beneficiary: not set"})
    void a_role_key_holding_a_service_a_company_or_a_status_stays(String line) {
        assertThat(masker.mask(strict, line).text()).isEqualTo(line);
    }

    @Test
    void the_name_of_a_requester_or_an_applicant_object_is_masked() {
        MaskedFields masked = masker.mask(strict, Map.of("ticket.requester.name", "Björn Novak",
                "applicant.name", "Anne-Marie Hernandez", "service.name", "checkout"));
        assertThat(masked.asMap().get("ticket.requester.name").text()).startsWith("‹name:");
        assertThat(masked.asMap().get("applicant.name").text()).startsWith("‹name:");
        assertThat(masked.asMap().get("service.name").text()).isEqualTo("checkout");
    }

    @Test
    void medical_record_and_insurance_numbers_and_names_in_other_languages_are_masked_by_field() {
        MaskedFields masked = masker.mask(strict, Map.of("Mrn", "MRN7488660", "InsuranceNumber", "QLX425148059",
                "PatientName", "Yuki Müller", "userDisplayName", "Ana Silva", "nome", "Giulia Rossi"));
        assertThat(masked.asMap().get("Mrn").text()).startsWith("‹health-id:");
        assertThat(masked.asMap().get("InsuranceNumber").text()).startsWith("‹health-id:");
        assertThat(masked.asMap().get("PatientName").text()).startsWith("‹name:");
        assertThat(masked.asMap().get("userDisplayName").text()).startsWith("‹name:");
        assertThat(masked.asMap().get("nome").text()).startsWith("‹name:");
        assertThat(masker.mask(strict, "mrn=MRN7488660 dl_number=O695-3016-2922").text())
                .doesNotContain("7488660").doesNotContain("3016");
    }
    @Test
    void a_structured_field_is_read_under_its_key_by_the_rules_that_need_one() {
        Map<String, String> event = new java.util.LinkedHashMap<>();
        event.put("variables.input.cardNumber", "6011636640402561");
        event.put("variables.input.holder", "Carlos Kim");
        event.put("data.object", "customer");
        event.put("data.email", "williams.amara@example.org");
        event.put("data.name", "Lars García");
        MaskedFields masked = masker.mask(strict, event);
        assertThat(masked.asMap().get("variables.input.holder").text()).startsWith("‹name:");
        assertThat(masked.asMap().get("data.name").text()).startsWith("‹name:");
        // The same token as in a message: one customer, one token.
        assertThat(masker.mask(strict, "customer email=a@example.org name=\"Lars García\"").text())
                .contains(masked.asMap().get("data.name").text());
    }

    @Test
    void a_name_with_no_person_around_it_stays_in_a_structured_event() {
        Map<String, String> event = new java.util.LinkedHashMap<>();
        event.put("service.name", "Order Service");
        event.put("service.version", "1.2.0");
        event.put("k8s.pod.name", "Checkout Api");
        event.put("build.holder", "Build Agents");
        event.put("message", "Deployed Order Service to production");
        MaskedFields masked = masker.mask(strict, event);
        event.forEach((name, value) -> assertThat(masked.asMap().get(name).text()).as(name).isEqualTo(value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mailer: From: \"Tomasz Rossi\" <t.rossi@example.com> Subject: Your invoice|Tomasz Rossi",
        "Failed to import contact Diego Dubois <d.dubois@example.co.uk>, phone unknown: duplicate|Diego Dubois",
        "Payment token mismatch for cardholder 'Maria Fernández' (PAN masked)|Fernández",
        "row 641: employee Lucas Mensah PAN=KFYPV7034I missing cost centre|Lucas Mensah",
        "workday-sync new hire: James Schmidt, personal email pending|James Schmidt",
        "courier assigned: recipient Zoe Chen tel unknown|Zoe Chen",
    })
    void a_name_before_its_email_address_or_after_the_noun_for_its_person_is_masked(String line, String name) {
        assertThat(masker.mask(strict, line).text()).as(line).doesNotContain(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Recipient Address Invalid for message 42", "Patient Record Locked by another user",
        "new hire: Onboarding Checklist sent", "employee Onboarding Workflow started", "recipient Jira Cloud",
        "Contact Support Team <support@example.com>", "Build Bot <ci@example.com>", "if x < 5 and y > 3"})
    void headings_teams_and_bots_before_an_address_or_after_a_role_word_stay(String line) {
        assertThat(masker.mask(strict, line).text()).doesNotContain("‹name:");
    }
}
