package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * People as records of health, banking, CRM and device systems log them: a name before its birth date, a FHIR search
 * by family name and the display of a FHIR reference, a CRM object's street, a Medicare number, a device named after
 * its owner, and a login name refused by a broker or a web server.
 */
class PeopleInRecordsTest {

    private final BothEngines engines = new BothEngines("records");

    private String mask(String raw) {
        return engines.mask(raw);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        kyc: identity check passed for Sarah Tanaka, born 1973-05-25, document A69582577 | Sarah Tanaka
        rx-service: prescription RX9877853 for Kenji Hernandez (DOB 12/02/1989) drug=atorvastatin | Kenji Hernandez
        ACH entry created: routing=137620829 account=75596807 name="Aisha Walsh" amount=1520.00 | Aisha Walsh
        "valueString":"family=Haddad&birthdate=1949-10-07" | Haddad
        GET /fhir/Patient?given=Oluwaseun&gender=female | Oluwaseun
        {Email: a@example.com, MailingStreet: 701 Queen St W, Seattle, WA 98101} -> 201 | Queen St
        {MailingStreet: Calle Mayor 1453, D02 X285 Dublin, MailingCountry: IE} | Calle Mayor
        eligibility: identifier[0].value=7ED2-WP6-MM92 status=active | 7ED2-WP6-MM92
        medicare mbi 1EG4TE5MK73 verified | 1EG4TE5MK73
        DHCPACK on 10.70.188.185 to 54:4a:68:7f:b3:f2 (hiroshis-iPhone) via eth1 | hiroshis-iPhone
        wlc: client joined hostname=Mei-MacBook-Pro ssid=Corp | Mei-MacBook-Pro
        PLAIN login refused: user 'murphym' - invalid credentials | murphym
        [error] 1234#1234: *416120 user "oluwaseun715": password mismatch, client: 10.0.0.1 | oluwaseun715
        INFO: start args=["Your appointment at 3pm", {"name"=>"Nadia Larsen"}] | Nadia Larsen
        Refund 4125 queued to IBAN FR1420041010050500013M02606 for account holder Olivia Williams (BIC: x) | Olivia Williams
        AUDIT key.rotated service=billing old_key=x new_key=y by=aisha76 | aisha76
        transfer ref="Rent June" initiatedBy=daniel_sin | daniel_sin
        role granted approved_by=m.lee | m.lee
        To=%2B91-9559723575&From=%2B15005550006&Body=hello | 9559723575
        Hello Maria Garcia, your order #A-99812 will ship to 221B Baker Street, London NW1 6XE | Maria Garcia
        Hello Maria Garcia, your order #A-99812 will ship to 221B Baker Street, London NW1 6XE | Baker Street
        Hello Maria Garcia, your order #A-99812 will ship to 221B Baker Street, London NW1 6XE | NW1 6XE
        shipped to 8793 River Ave, Springfield, IL 62704 today | Springfield, IL 62704
        ticket #4412: customer Emma Thompson reports card declined | Emma Thompson
        user "Pierre Dupont" updated his IBAN | Pierre Dupont
        Driver license D1234567 issued to Carlos Mendez, DOB 04/12/1979 | D1234567
        Driver license D1234567 issued to Carlos Mendez, DOB 04/12/1979 | Carlos Mendez
        {"identity":{"claims":{"name":"Sofia Rossi","upn":"s@contoso.com"}}} | Sofia Rossi
        openvpn[812]: alice.wong/203.0.113.45:51234 MULTI_sva: pool returned IPv4=10.8.0.6 | alice.wong
        support chat: "hi, my name is Tomás Ruiz and my card" | Tomás Ruiz
        Visitor geolocated to lat 40.7128 lon -74.0060 (New York) | 40.7128
        wire transfer to SWIFT/BIC: COBADEFFXXX for payee | COBADEFFXXX
        beneficiary bank bic COBADEFF | COBADEFF
        Booking PNR X7K9QZ for passenger NGUYEN/THANH MR, seat 14C | NGUYEN/THANH
        claim 88123 submitted by policyholder Robert Brown (policy POL-99812-US) | Robert Brown
        Offer letter generated for candidate Priya Nair, salary pending | Priya Nair
        patient=Zoe Yilmaz postcode=SW1A 1AA clinician=Dr. Kim | Kim
        attending: Dr Okafor on rounds | Okafor
        family=Singh&birthdate=1944-01-14 | Singh
        """)
    void the_person_is_masked(String line, String person) {
        assertThat(mask(line)).doesNotContain(person);
    }

    @org.junit.jupiter.api.Test
    void a_key_right_after_a_label_is_read_as_the_next_key_not_as_the_label_s_value() {
        assertThat(mask("dovecot: imap-login: Login: user=<olga1983@protonmail.com>, method=PLAIN"))
                .startsWith("dovecot: imap-login: Login: user=<‹email:").endsWith(">, method=PLAIN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"build MacBook-Pro-3 done", "loaner work-laptop and test-iPhone returned",
        "order 1EG4TE5MK73 shipped", "GET /search?family=monospace&size=12", "address: 127.0.0.1, port: 80",
        "Released in 2024, born of a rewrite", "name=\"Order Service\" routing=default",
        "checkout took 120 ms (DOB check skipped)", "report sort by=date", "auth: remember-me cookie issued",
        "GET /calc?expr=1%2B2", "Hi Team, build 42 is green", "Hello World!", "took 200 ms on Main St",
        "customer Order Service failed", "user \"admin\" logged in", "Release Notes, DOB field added",
        "driver license check skipped", "the service name is Order Service",
        "repo name is Acme Platform", "provider=aws region=eu", "doctor: healthy"})
    void products_ids_fonts_and_hosts_stay(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }

    @Test
    void the_display_of_a_fhir_reference_to_a_person_is_a_name() {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("agent.0.who.display", "Dr. Oluwaseun Murphy");
        event.put("entity.0.what.reference", "Patient/926887");

        Map<String, MaskedText> masked = engines.fast().mask(engines.context(), event).asMap();

        assertThat(masked.get("agent.0.who.display").text()).startsWith("‹name:");
        assertThat(masked.get("entity.0.what.reference").text()).isEqualTo("Patient/926887");
    }

    @Test
    void a_fhir_human_name_s_parts_are_names() {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("resourceType", "Patient");
        event.put("name.0.family", "Nakamura");
        event.put("name.0.given.0", "Hiro");

        Map<String, MaskedText> masked = engines.fast().mask(engines.context(), event).asMap();

        assertThat(masked.get("name.0.family").text()).startsWith("‹name:");
        assertThat(masked.get("name.0.given.0").text()).startsWith("‹name:");
        assertThat(masked.get("resourceType").text()).isEqualTo("Patient");
    }
}
