package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * People as onboarding, payroll, claims and dispatch lines name them: before the number or contact that identifies
 * them, after the part they play (rider, insured, debtor, an employee's number in brackets), under a role's key, and
 * as parts of a name kept as an object. And settings, templates and message ids that only look like such values.
 */
class PeopleBeforeTheirNumbersTest {

    private final BothEngines engines = new BothEngines("people");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        [kyc] account opened for Beatriz Salgado, DNI 45129338K, branch 0182 | Beatriz Salgado
        [payroll] slip for Jean-Émile Gagnon SIN 046 454 286 mailed | Jean-Émile Gagnon
        [otp] code sent to Tomasz Wrona at +48 601 234 567 | Tomasz Wrona
        [rides] dropoff for rider Aiko Tanaka (+81 90 1234 5678) done | Aiko Tanaka
        [bank] mandate signed by debtor Klaus Reinholt, reference M-88 | Klaus Reinholt
        [benefits] insured Farid Haddad added to policy P-7781 | Farid Haddad
        [hr] bad sort code for employee E20931 (Niamh Gallagher) | Niamh Gallagher
        Started by user Oskar Lindqvist | Oskar Lindqvist
        claim=CL-2231 claimant=Lucía Ferrer status=open | Lucía Ferrer
        {"customer":"Ingrid Solberg","amount":4990,"currency":"NOK"} | Ingrid Solberg
        {"author_id":77,"author_name":"Emeka Obi","action":"merge"} | Emeka Obi
        [onboarding] verified for Pieter van Dijk, IBAN NL91ABNA0417164300 | Pieter van Dijk
        [pds] lookup returned Mr Alasdair Munro, Flat 4, 2 Leith Walk | Alasdair Munro
        "text":"thanks Mrs Adeyemi, one moment please" | Adeyemi
        Ticket 88123 updated by Grace Okonkwo: status=pending | Grace Okonkwo
        refund approved by Mateo Rossi after review | Mateo Rossi
        import row 12: Freya Nilsson;freya.n@example.se;1999-01-02;SILVER | Freya Nilsson
        insert values (Tomás Ortega, t.ortega@example.es, 'x') | Tomás Ortega
        wire to Arjun Malhotra, account 40817810099910004312 held | Arjun Malhotra
        """)
    void a_name_is_masked_where_its_place_says_it_is_one(String line, String name) {
        assertThat(engines.mask(line)).as(line).doesNotContain(name).contains("‹name:");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        label created: Jana Novak, Kastanienallee 77, 10435 Berlin, DE | Kastanienallee 77
        new account, Calle de Serrano 41, 2º A, 28001 Madrid | Calle de Serrano 41
        resident at Carrer de Provença 250, 08008 Barcelona | Carrer de Provença 250
        delivered to Mariahilfer Straße 12, 1070 Wien today | Mariahilfer Straße 12
        """)
    void a_continental_street_address_with_its_postcode_and_city_is_masked(String line, String street) {
        assertThat(engines.mask(line)).as(line).doesNotContain(street).contains("‹address:");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[reports] report ready for Order Service, IBAN check skipped",
        "latency 120 ms for Checkout Api (p99) under load",
        "JDBC driver PostgreSQL 42.7 loaded",
        "password policy loaded {password_min_length=12, password_max_age_days=90, password_history=5}",
        "auth settings: password_min_length=12 password_require_mfa=true otp_length=6",
        "Server=tcp:db.example.net,1433;User ID=${SQL_USER};Password=${SQL_PASSWORD};Encrypt=True;",
        "DB_PASSWORD=${DB_PASSWORD} STRIPE_SECRET_KEY=<from secret stripe-credentials>",
        "ssl.truststore.type = JKS, ssl.key.password = null",
        "postfix/cleanup[20233]: 4VkR2m1Hh7z3wYr: message-id=<20240522060240.4VkR2m1Hh7z3wYr@mx1.example.co>",
        "remote origin git@github.com:acme/storefront.git fetched",
        "OperationOutcome diagnostics=\"Patient.birthDate: invalid date format\"",
        "deploy approved by Release Manager Bot, assigned to Platform Team",
        "String 12, 2048 Bytes; ring buffer 4096, 1024 Entries; Ring 3, 4000 Hz",
        "caches under /Users/Shared/cache and C:\\Users\\Public\\Documents kept",
    })
    void settings_templates_and_ids_that_only_look_like_people_or_secrets_stay(String line) {
        assertThat(engines.mask(line)).isEqualTo(line);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        FATAL:  password authentication failed for user "rtanaka" | rtanaka
        [Server] Access denied for user 'l.moretti'@'10.1.9.201' (using password: YES) | l.moretti
        stored value does not match for username pnowak | pnowak
        pam_unix(su-l:session): session opened for user root(uid=0) by kfischer(uid=1004) | kfischer
        Run docker login -u hsato -p "$REGISTRY_TOKEN" ghcr.io | hsato
        ERROR C:\\Users\\m.obrien\\AppData\\Local\\Temp\\x.xlsx: access denied | m.obrien
        WARN /Users/annalee/Library/Keychains/login.keychain-db modified | annalee
        """)
    void a_login_name_is_masked_in_databases_auth_lines_and_home_directories(String line, String login) {
        assertThat(engines.mask(line)).as(line).doesNotContain(login).contains("‹user:");
    }

    @Test
    void a_team_before_its_mailbox_is_no_person() {
        assertThat(engines.mask("questions? contact Support Desk, help@example.com"))
                .startsWith("questions? contact Support Desk, ‹email:");
    }

    @Test
    void a_weak_password_and_a_date_of_birth_under_their_keys_in_text_are_still_masked() {
        assertThat(engines.mask("password=changeme db_password=Hunter2! dob: 1948-07-04"))
                .isEqualTo("password=[REDACTED:password] db_password=[REDACTED:password] dob: ‹dob:"
                        + engines.mask("dob: 1948-07-04").substring("dob: ‹dob:".length()));
    }

    @Test
    void the_parts_of_a_name_kept_as_an_object_are_masked_as_fields() {
        MaskedFields masked = engines.fast().mask(engines.context(), Map.of("member.name.first", "Earl",
                "member.name.last", "Whitaker", "quote.applicant.first", "Tyrone", "card.holder", "JONAS BAUER",
                "paging.first", "10"));
        assertThat(masked.asMap().get("member.name.first").text()).startsWith("‹name:");
        assertThat(masked.asMap().get("member.name.last").text()).startsWith("‹name:");
        assertThat(masked.asMap().get("quote.applicant.first").text()).startsWith("‹name:");
        assertThat(masked.asMap().get("card.holder").text()).startsWith("‹name:");
        assertThat(masked.asMap().get("paging.first").text()).isEqualTo("10");
    }
}
