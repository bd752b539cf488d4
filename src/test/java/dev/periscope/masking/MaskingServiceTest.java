package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaskingServiceTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("orders");

    private String mask(String raw) {
        return masker.mask(strict, raw).text();
    }

    @Test
    void masks_card_numbers_split_by_spaces_keeping_the_last_four() {
        assertThat(mask("card 4111 1111 1111 1111 declined")).isEqualTo("card **** **** **** 1111 declined");
        assertThat(mask("card 4111-1111-1111-1111")).isEqualTo("card ****-****-****-1111");
    }

    @Test
    void leaves_numbers_that_fail_the_luhn_check_or_have_no_issuer_alone() {
        assertThat(mask("order 4111 1111 1111 1112 shipped")).contains("4111 1111 1111 1112");
        assertThat(mask("ts=1763800000000 done")).contains("1763800000000");
    }

    @Test
    void gives_the_same_email_the_same_token_in_every_spelling() {
        String a = mask("from Jane.Doe@Example.com");
        String b = mask("to jane.doe@example.com");
        String c = mask("/unsubscribe?email=jane.doe%40example.com");
        String token = a.substring(a.indexOf('‹'));
        assertThat(token).matches("‹email:[0-9a-f]{8}›");
        assertThat(b).endsWith(token);
        assertThat(c).contains(token);
    }

    @Test
    void gives_an_iban_the_same_token_with_or_without_spaces_and_in_either_case() {
        String a = mask("refund to GB82 WEST 1234 5698 7654 32 queued");
        String b = mask("refund to gb82west12345698765432 queued");
        String token = MaskingService.tokensIn(a).getFirst();
        assertThat(token).startsWith("‹iban:");
        assertThat(MaskingService.tokensIn(b)).containsExactly(token);
    }

    @Test
    void redacts_passwords_in_key_value_logfmt_json_urls_and_headers() {
        assertThat(mask("login password=hunter2hunter2 ok")).isEqualTo("login password=[REDACTED:password] ok");
        assertThat(mask("msg=\"retry\" db_password=\"s3cr3t pass\" attempt=2"))
                .isEqualTo("msg=\"retry\" db_password=\"[REDACTED:password]\" attempt=2");
        assertThat(mask("payload {\"user\":\"root\",\"password\":\"x9Zs!pQ\"}"))
                .isEqualTo("payload {\"user\":\"root\",\"password\":\"[REDACTED:password]\"}");
        assertThat(mask("GET /login?user=bob&passwd=Tr0ub4dor&x=1")).contains("passwd=[REDACTED:password]&x=1");
        assertThat(mask("connect postgres://app:Sup3rS3cret@db:5432/orders"))
                .isEqualTo("connect postgres://app:[REDACTED:password]@db:5432/orders");
        assertThat(mask("Authorization: Bearer abcDEF123456ghiJKL789")).doesNotContain("abcDEF123456ghiJKL789");
        assertThat(mask("Cookie: JSESSIONID=A1B2C3D4E5F6A7B8C9D0; theme=dark")).doesNotContain("A1B2C3D4E5F6");
    }

    @Test
    void redacts_a_random_looking_value_right_after_a_word_naming_a_secret_in_prose() {
        assertThat(mask("password reset requested, token rst_test_9f2c4be81d07a3c5e6b2"))
                .isEqualTo("password reset requested, token [REDACTED:secret]");
        assertThat(mask("token expired for session, secret rotation scheduled"))
                .isEqualTo("token expired for session, secret rotation scheduled");
    }

    @Test
    void masks_a_grouped_us_ssn_on_sight_and_a_bare_one_only_next_to_a_word_that_says_so() {
        assertThat(mask("applicant 078-05-1123 rejected")).doesNotContain("078-05-1123");
        assertThat(mask("applicant 078.05.1123 rejected")).doesNotContain("078.05.1123");
        assertThat(mask("order 078051123 shipped")).contains("078051123");
        assertThat(mask("invoice 07805-1123 paid")).contains("07805-1123");
        assertThat(mask("SSN 078051123 on file")).doesNotContain("078051123");
        assertThat(mask("social security: 07805-1123")).doesNotContain("07805-1123");
        // Both spellings of one number get one token.
        String grouped = mask("ssn 078-05-1123");
        String bare = mask("ssn 078051123");
        assertThat(grouped.substring(grouped.indexOf('‹'))).isEqualTo(bare.substring(bare.indexOf('‹')));
    }

    @Test
    void leaves_numbers_in_ranges_never_issued_as_ssns_alone() {
        for (String never : List.of("000-12-3456", "666-12-3456", "912-12-3456", "078-00-1123", "078-05-0000")) {
            // Other rules (grouped phone numbers) may still take such a number; no SSN rule does.
            assertThat(masker.explain(strict, "ssn " + never)).as(never)
                    .noneMatch(e -> e.ruleId().startsWith("us-ssn"));
        }
    }

    @Test
    void redacts_a_private_key_block_spanning_lines() {
        String pem = "key loaded:\n-----BEGIN RSA PRIVATE KEY-----\n"
                + "MIIEpQIBAAKCAQEAn6fakefakefakefakefakefakefakefakefakefakefake\n"
                + "yxR5MsXFu9PRsrYQA7fakefakefakefakefakefakefakefakefakefake0=\n-----END RSA PRIVATE KEY-----\ndone";
        assertThat(mask(pem)).isEqualTo("key loaded:\n[REDACTED:private-key]\ndone");
    }

    @Test
    void masks_provider_tokens_by_their_prefix() {
        assertThat(mask("token ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8 used"))
                .isEqualTo("token [REDACTED:github-token] used");
        assertThat(mask("key AKIAZ3MPLE7Q2EXKEY4X")).isEqualTo("key [REDACTED:aws-key-id]");
        assertThat(mask("POST https://hooks.slack.com/services/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"))
                .doesNotContain("bJtrpFi1fO1JMCcwLx8uZyAg");
    }

    @Test
    void masks_fields_by_name_or_nested_path_and_the_rest_by_content() {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("user.password", "correct horse");
        event.put("customer.first_name", "Jane");
        event.put("http.headers.authorization", "Basic dXNlcjpwYXNz");
        event.put("message", "paid by jane.doe@example.com");
        event.put("status", "200");
        Map<String, MaskedText> out = masker.mask(strict, event).asMap();
        assertThat(out.get("user.password").text()).isEqualTo("[REDACTED:password]");
        assertThat(out.get("customer.first_name").text()).matches("‹name:[0-9a-f]{8}›");
        // The scheme stays, as in a log line: only the credential is masked.
        assertThat(out.get("http.headers.authorization").text()).isEqualTo("Basic [REDACTED:authorization]");
        assertThat(out.get("message").text()).matches("paid by ‹email:[0-9a-f]{8}›");
        assertThat(out.get("status").text()).isEqualTo("200");
        assertThat(out.keySet()).containsExactlyElementsOf(event.keySet());
    }

    @Test
    void masks_a_field_name_that_holds_a_confidential_value_and_counts_its_hit() {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("attempts.alice@example.com", "3");
        event.put("attempts.bob@example.com", "1");
        // The dotted name reads as one address, as it would in a message: the whole name becomes its token.
        event.put("status", "200");

        Map<String, MaskedText> out = masker.mask(strict, event).asMap();

        assertThat(out.keySet()).hasSize(3).contains("status").noneMatch(k -> k.contains("example.com"));
        assertThat(out.keySet()).anyMatch(k -> k.matches("‹email:[0-9a-f]{8}›"));
        assertThat(out.values()).extracting(MaskedText::text).containsExactlyInAnyOrder("3", "1", "200");
        assertThat(masker.mask(strict, event).hits()).containsExactly(new RuleHit("email", "pii", 1),
                new RuleHit("email", "pii", 1));
    }

    @Test
    void two_names_that_mask_to_the_same_text_both_keep_their_values() {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("tokens.ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "1");
        event.put("tokens.ghp_R8q7P6o5N4m3L2k1J0i9H8g7F6e5D4c3B2a1", "2");

        Map<String, MaskedText> out = masker.mask(strict, event).asMap();

        assertThat(out.keySet()).hasSize(2).noneMatch(k -> k.contains("ghp_"));
        assertThat(out.values()).extracting(MaskedText::text).containsExactly("1", "2");
    }

    @Test
    void masks_labels_like_service_and_source_and_remembers_only_clean_ones() {
        assertThat(masker.maskLabel(strict, "checkout").text()).isEqualTo("checkout");
        assertThat(masker.maskLabel(strict, "checkout").text()).as("from the clean labels").isEqualTo("checkout");
        assertThat(masker.maskLabel(strict, "jane.doe@example.com").text()).matches("‹email:[0-9a-f]{8}›");
        assertThat(masker.maskLabel(strict, "jane.doe@example.com").text()).matches("‹email:[0-9a-f]{8}›");
        assertThat(masker.maskLabel(strict, "/var/log/203.0.113.9/app.log").text())
                .matches("/var/log/‹[a-z0-9]+:[0-9a-f]{8}›/app.log");
    }

    @Test
    void reports_which_rules_fired_and_how_often_never_the_values() {
        MaskedText t = masker.mask(strict, "a@example.com b@example.com 203.0.113.9");
        assertThat(t.hits()).containsExactlyInAnyOrder(new RuleHit("email", "pii", 2), new RuleHit("ipv4", "network", 1));
        assertThat(t.hits().toString()).doesNotContain("example");
    }

    @Test
    void leaves_exempt_categories_visible() {
        MaskingContext exempt = new MaskingContext("orders", Set.of("network"));
        assertThat(masker.mask(exempt, "from 203.0.113.9").text()).isEqualTo("from 203.0.113.9");
    }

    @Test
    void withholds_a_value_it_cannot_mask_within_its_budget_and_never_returns_it_raw() {
        CompiledRules rules = MaskingFixtures.shippedRules();
        MaskingService tight = new MaskingService(() -> rules, new FastEngine(),
                new Tokenizer(List.of(MaskingFixtures.TEST_KEY), 8), null, 1, 4 << 20);
        MaskedText t = tight.mask(strict, "password=hunter2hunter2 " + "x".repeat(10_000));
        assertThat(t.withheld()).isTrue();
        assertThat(t.text()).isEqualTo(MaskedText.WITHHELD_TEXT);
        MaskingService failing = new MaskingService(() -> {
            throw new IllegalStateException("no rules");
        }, new FastEngine(), new Tokenizer(List.of(MaskingFixtures.TEST_KEY), 8), null, 1_000_000_000L, 100);
        assertThat(failing.mask(strict, "jane.doe@example.com").withheld()).isTrue();
        assertThat(failing.mask(strict, "x".repeat(101)).withheld()).isTrue();
    }

    @Test
    void masks_a_one_mebibyte_event_in_bounded_time() {
        StringBuilder b = new StringBuilder();
        List<String> lines = SyntheticLogs.lines(7, 10_000);
        int i = 0;
        while (b.length() < 1 << 20) {
            b.append(lines.get(i++ % lines.size())).append('\n');
        }
        // Adversarial tails: long runs of the characters the prefilters react to.
        String hostile = "1".repeat(200_000) + "@".repeat(100_000) + "password=".repeat(20_000) + "::".repeat(50_000);
        String keys = "'salary':a".repeat(50_000) + "\"salary\":[".repeat(20_000) + "salary=(".repeat(20_000);
        String words = "full_name=a \"".repeat(40_000) + "dob: 1 (".repeat(40_000) + "Authorization: a=\"".repeat(20_000)
                + "full_name=" + "word ".repeat(100_000);
        // Statements with placeholders and parameter lists: IN lists, VALUES rows and marks that do not close.
        String statements = "last_name IN (?, ".repeat(25_000) + "params: ['a'] ".repeat(15_000)
                + "(email) VALUES (?, ".repeat(20_000) + "bindings: ('a') ".repeat(10_000);
        String lists = "email = $1 Params: [".repeat(15_000) + "]".repeat(15_000)
                + "Executing (default): email = $1, ssn = ?; ".repeat(5_000) + "params: {'a': ".repeat(20_000)
                + "first_name = ?, ".repeat(10_000) + "params: [" + "'Annika', ".repeat(10_000) + "]";
        for (String text : List.of(b.toString(), hostile, keys, words, statements, lists)) {
            long t0 = System.nanoTime();
            MaskedText t = masker.mask(strict, text);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            System.out.printf("1 MiB event (%d chars) masked in %d ms, withheld=%s%n", text.length(),
                    took.toMillis(), t.withheld());
            assertThat(took).isLessThan(Duration.ofSeconds(6));
            if (!t.withheld()) {
                assertThat(t.text()).doesNotContain("hunter2");
            }
        }
    }

    @Test
    void refuses_a_query_that_holds_a_raw_confidential_value_naming_only_its_category() {
        QueryProbe probe = masker.checkQuery("message:\"4111 1111 1111 1111\" AND service:billing");
        assertThat(probe.confidential()).isTrue();
        assertThat(probe.categories()).containsExactly("financial");
        assertThat(probe.explanation()).contains("token").doesNotContain("4111");
        assertThat(masker.checkQuery("user:jane.doe@example.com").categories()).containsExactly("pii");
        assertThat(masker.checkQuery("service:billing AND level:ERROR").confidential()).isFalse();
        assertThat(masker.checkQuery("customer:‹email:7f3a9c21›").confidential()).isFalse();
        assertThat(MaskingService.tokensIn("customer:‹email:7f3a9c21› OR ‹ip:00ff00ff›"))
                .containsExactly("‹email:7f3a9c21›", "‹ip:00ff00ff›");
    }

    @Test
    void a_field_masked_by_its_name_is_a_probe_whatever_the_value_naming_only_category_and_rule() {
        QueryProbe password = masker.checkField("password");
        assertThat(password.confidential()).isTrue();
        assertThat(password.categories()).containsExactly("secrets");
        assertThat(password.ruleIds()).containsExactly("password-field");
        assertThat(masker.checkField("db.Password").confidential()).isTrue();
        assertThat(masker.checkField("user.email").categories()).containsExactly("pii");
        assertThat(masker.checkField("service").confidential()).isFalse();
        assertThat(masker.checkField("order.id").confidential()).isFalse();
        assertThat(masker.checkField("internal_notes").confidential()).as("its rule is disabled").isFalse();
    }

    @Test
    void a_field_rule_enabled_for_one_service_only_still_makes_its_field_a_probe() {
        MaskingService s = ShippedMasking.withRules("""
                category: hr
                rules:
                  - id: grade-field
                    enabled: false
                    detector:
                      fields: ['**.grade']
                    action: redact
                    services:
                      hr: {enabled: true}
                """);
        assertThat(s.checkField("employee.grade").categories()).containsExactly("hr");
    }

    @Test
    void masks_values_under_keys_a_field_rule_names_inside_text() {
        String list = mask("[{\"display_name\":\"Bob Smith\",\"salary\":91000,\"zip\":\"90210\",\"lat\":52.5201,"
                + "\"note\":\"x\"}]");
        assertThat(list).doesNotContain("Bob").doesNotContain("91000").doesNotContain("90210")
                .doesNotContain("52.5201").contains("\"note\":\"x\"");
        assertThat(mask("geo lookup lat=52.5201&lon=13.4049 took 3ms")).doesNotContain("52.52").doesNotContain("13.40")
                .endsWith(" took 3ms");
        String escaped = mask("{\"msg\":\"payload {\\\"salary\\\": 91000, \\\"ok\\\": true}\"}");
        assertThat(escaped).doesNotContain("91000").contains("\\\"ok\\\": true");
        String afterLongValue = mask("{\"message\":\"" + "a".repeat(100) + "\",\"salary\":\"91000\"}");
        assertThat(afterLongValue).doesNotContain("91000");
        assertThat(mask("salary review: 3 of 5 done, status=ok")).isEqualTo("salary review: 3 of 5 done, status=ok");
    }

    @Test
    void masks_values_under_named_keys_between_quotes_in_lists_in_single_quotes_and_with_positions() {
        assertThat(mask("user=\"bob\" salary=91000 dept=\"eng\"")).doesNotContain("91000").contains("dept=\"eng\"");
        assertThat(mask("{\"msg\":\"payroll: salary=91000\"}")).doesNotContain("91000");
        assertThat(mask("{\"salary\":[91000,95000],\"ok\":1}")).doesNotContain("91000").doesNotContain("95000")
                .endsWith(",\"ok\":1}");
        assertThat(mask("salary=[91000,5000] done")).doesNotContain("5000").endsWith(" done");
        assertThat(mask("Employee[id=7, salary=91000]")).doesNotContain("91000").endsWith("]");
        assertThat(mask("Bob's {\"salary\": 91000} didn't change")).doesNotContain("91000").endsWith(" didn't change");
        assertThat(mask("detail=\"{'salary': 91000}\" user=bob")).doesNotContain("91000");
        assertThat(mask("salary=91)00 next")).doesNotContain("00 ").endsWith(" next");
        assertThat(mask("{'salary': ['9]1', 95000]}")).doesNotContain("95000");
        assertThat(mask("Employee(salary = 91000, dept = eng)")).doesNotContain("91000").contains("dept = eng");
        assertThat(mask("if salary == 91000 or salary != 5")).isEqualTo("if salary == 91000 or salary != 5");
        assertThat(mask("salary='91000' and {'salary': 95000}")).doesNotContain("91000").doesNotContain("95000");
        assertThat(mask("salary.1=91000 {\"salary.2\": 95000}")).doesNotContain("91000").doesNotContain("95000");
        String escaped = mask("{\"msg\":\"{\\\"display_name\\\":\\\"Bob \\\\\\\"Bobby\\\\\\\" Smith\\\"}\"}");
        assertThat(escaped).doesNotContain("Bob").doesNotContain("Smith");
        assertThat(mask("{\"salary\": {\"salary\": {\"salary\": 1")).doesNotContain(": 1");
    }

    @Test
    void masks_values_after_a_named_key_and_a_colon_but_not_times_urls_or_scopes() {
        assertThat(mask("payroll salary: 91000, status: ok")).doesNotContain("91000").endsWith(", status: ok");
        assertThat(mask("salary:91000 next")).doesNotContain("91000").endsWith(" next");
        assertThat(mask("Employee{salary: '91000'}")).doesNotContain("91000");
        assertThat(mask("at 12:30 the salary review started")).isEqualTo("at 12:30 the salary review started");
        assertThat(mask("no mailbox for ‹email:7f3a9c21›")).isEqualTo("no mailbox for ‹email:7f3a9c21›");
        assertThat(mask("user.email: \"‹email:7f3a9c21›\" email=‹email:7f3a9c21›")).as("tokens are masked already")
                .isEqualTo("user.email: \"‹email:7f3a9c21›\" email=‹email:7f3a9c21›");
        assertThat(mask("see https://example.com/a:b and std::salary")).isEqualTo(
                "see https://example.com/a:b and std::salary");
    }

    @Test
    void a_multi_word_value_under_a_named_key_is_masked_whole_up_to_the_next_key_or_separator() {
        assertThat(mask("customer_name=Bob Smith logged in")).doesNotContain("Bob").doesNotContain("Smith");
        assertThat(mask("full_name: Bob Smith, role=admin")).doesNotContain("Smith").endsWith(", role=admin");
        assertThat(mask("full_name=Bob Smith role=admin")).doesNotContain("Smith").endsWith(" role=admin");
        assertThat(mask("Person(full_name=Mary Ann Lee (admin))")).doesNotContain("Lee").endsWith(")");
        assertThat(mask("shipping_address=221B Baker Street | status=ok")).doesNotContain("Baker")
                .endsWith(" status=ok");
        assertThat(mask("dob: 12 March 1990")).doesNotContain("March").doesNotContain("1990");
        assertThat(mask("salary=91000 EUR paid")).as("a one-word rule's value ends at the space")
                .doesNotContain("91000").endsWith(" EUR paid");
        assertThat(mask("birthDate=Mon Mar 12 00:00:00 CET 1990 ok")).doesNotContain("1990").doesNotContain("00:00");
        assertThat(mask("address=Atatürk Cad. No:12 Kat:3 Istanbul")).doesNotContain("Kat").doesNotContain("Istanbul");
        assertThat(mask("dob=March 12, 1990")).doesNotContain("1990");
        assertThat(mask("shipping_address=Flat 2, 10 Downing Street, London SW1A 2AA, status: sent"))
                .doesNotContain("Downing").doesNotContain("SW1A").endsWith(", status: sent");
        assertThat(mask("address=Apt #4, 1 Main St")).doesNotContain("#4").doesNotContain("Main");
        assertThat(mask("full_name=Conan O'Brien, x=1")).doesNotContain("Brien").endsWith(", x=1");
        assertThat(mask("full_name=山田 \uD842\uDFB7野")).doesNotContain("野");
        assertThat(mask("full_name    : Bob Smith")).doesNotContain("Smith");
        assertThat(mask("salary= 91000")).doesNotContain("91000");
        assertThat(mask("Authorization: SharedKey myaccount:ctzMq410TV3wS7upTBcunJTDLEJwMAZuFPfr0mrrA08="))
                .doesNotContain("ctzMq410");
        String escaped = mask("{\"log\":\"{\\\"msg\\\":\\\"full_name: Bob Smith\\\"}\"}");
        assertThat(escaped).doesNotContain("Smith").endsWith("\\\"}\"}");
        assertThat(mask("Authorization: Digest username=\"bob\", realm=\"x\", nonce=\"dcd98b\", "
                + "response=\"6629fae49393a05397450978507c4ef1\"")).doesNotContain("dcd98b").doesNotContain("6629fae4");
        assertThat(mask("X-Auth-Token: Token 9f8e7d6c")).doesNotContain("9f8e7d6c");
        for (String json : List.of("{\"msg\":\"created full_name=Bob \",\"salary\":91000}",
                "{\"msg\":\"dob=March 12, 1990 \", \"salary\": 91000, \"level\":\"INFO\"}",
                "{\"msg\":\"created full_name=Bob Smith, \",\"salary\":91000}")) {
            assertThat(mask(json)).as(json).doesNotContain("91000").doesNotContain("Bob").contains("\"salary\"");
        }
        assertThat(mask("{'msg': 'created full_name=Bob Smith', 'level': 'INFO', 'user_id': 42}"))
                .doesNotContain("Smith").endsWith("', 'level': 'INFO', 'user_id': 42}");
        assertThat(mask("GET /api?full_name=Bob+Smith&zip=12345&dob=1990-01-01 HTTP/1.1")).doesNotContain("Smith")
                .doesNotContain("12345").doesNotContain("1990").contains("&zip=").contains("&dob=");
        assertThat(mask("x-api-key=k3y123 user=root")).doesNotContain("k3y123").endsWith(" user=root");
        assertThat(mask("{\"msg\":\"missing address: \",\"salary\":91000}")).doesNotContain("91000");
        assertThat(mask("{\"msg\":\"payroll salary=\\\"91000\\\" ok\"}")).doesNotContain("91000").endsWith(" ok\"}");
        assertThat(mask("salary=\"91000\", x=1")).doesNotContain("91000").endsWith(", x=1");
        for (String visible : List.of("full_name=Robert \"Bob\" Smith role=admin", "full_name=Gerard 't Hooft x=1",
                "display_name=@bob_smith (Bob Smith) x=1", "address=1 Main St & 2nd Ave, New York x=1",
                "address=Apt. 4B - 221B Baker Street, London x=1", "address=Queens' College, Cambridge CB3 9ET x=1",
                "full_name=Smith,John x=1", "dob=March 12,1990 x=1", "contact_name=(555) 123-4567 Bob Smith x=1",
                "full_name=[Dr] Bob Smith role=admin")) {
            String masked = mask(visible);
            assertThat(masked).as(visible).doesNotContain("Smith").doesNotContain("Hooft").doesNotContain("York")
                    .doesNotContain("Baker").doesNotContain("Cambridge").doesNotContain("1990");
            assertThat(mask(masked)).as(visible).isEqualTo(masked);
        }
    }

    @Test
    void masking_a_masked_text_again_changes_nothing() {
        for (String text : List.of("[HASH:email:0123456789abcdef] and [HASH:password:0123456789abcdef]",
                "Set-Cookie: sid=8f3a9c21ab77; Path=/", "pan: 4111111111111111",
                "card_number: 4111 1111 1111 1111", "salary: 91000, status: ok", "full_name=Bob Smith, role=admin",
                "user.email: \"‹email:7f3a9c21›\" email=‹email:7f3a9c21›")) {
            String once = mask(text);
            assertThat(mask(once)).as(text).isEqualTo(once);
        }
        assertThat(mask("[HASH:email:0123456789abcdef]")).isEqualTo("[HASH:email:0123456789abcdef]");
        // Hex digits of a token that read as a national id: the token stays, in text and in a search by it.
        assertThat(mask("customer ‹name:6605653f› paid")).isEqualTo("customer ‹name:6605653f› paid");
        assertThat(masker.checkQuery("customer:‹name:6605653f›").confidential()).isFalse();
        assertThat(mask("password=****Hunter2")).as("stars before more than four characters are no mask")
                .doesNotContain("Hunter2");
        for (String raw : List.of("password=****ab!@#$cd user=bob", "x-api-key: ****Zx81/+/=/+/=",
                "full_name=**** Jo Li", "password=[REDACTED:Hunter2!] next",
                "password=[REDACTED: my secret pass]")) {
            assertThat(mask(raw)).as(raw).isNotEqualTo(raw);
        }
        for (String text : List.of("{\"msg\":\"created Person(full_name=Bob Smith)\"}",
                "Created Person[full_name=Bob Smith]: ok", "saved (dob=March 12, 1990).", "<full_name=Bob Smith>.")) {
            String once = mask(text);
            assertThat(once).as(text).doesNotContain("Smith").doesNotContain("1990");
            assertThat(mask(once)).as(text).isEqualTo(once);
        }
        String saved = mask("Saved address={line1=10 Downing St, city=London} for customer 42");
        assertThat(saved).doesNotContain("Downing");
        assertThat(mask(saved)).isEqualTo(saved);
    }

    @Test
    void a_message_text_with_a_value_under_a_named_key_is_a_probe_and_a_query_value_alone_is_not() {
        assertThat(masker.checkMessageText("salary=91000").categories()).isNotEmpty();
        assertThat(masker.checkQuery("salary=91000").confidential()).isFalse();
    }

    @Test
    void a_text_masked_only_into_tokens_is_searchable_and_one_redacted_or_shown_in_part_is_not() {
        assertThat(masker.mask(strict, "no secrets here").searchable()).isTrue();
        assertThat(masker.mask(strict, "mail jane.doe@example.com").searchable()).isTrue();
        assertThat(masker.mask(strict, "card 4111 1111 1111 1111").searchable()).isFalse();
        assertThat(masker.mask(strict, "password=hunter2hunter2").searchable()).isFalse();
        assertThat(MaskedText.placeholder().searchable()).isFalse();
    }

    @Test
    void a_hit_that_runs_past_another_masks_both_whole() {
        String masked = mask("password=pw:4111 1111 1111 1111 done");
        assertThat(masked).doesNotContain("1111").endsWith(" done");
        assertThat(MaskingService.resolveOverlaps(List.of(new Span(0, 10, 1), new Span(2, 5, 2), new Span(5, 15, 3),
                new Span(12, 20, 4), new Span(20, 22, 5))))
                .containsExactly(new Span(0, 20, 1, true), new Span(20, 22, 5));
    }

    @Test
    void a_value_masked_for_one_service_only_is_still_a_probe_in_a_query() {
        MaskingService s = ShippedMasking.withRules(ShippedMasking.PER_SERVICE_RULES);
        assertThat(s.checkQuery("\"GRADE-B\"").categories()).as("switched on for hr only").containsExactly("hr");
        assertThat(s.checkQuery("\"EMP-123456\"").confidential()).as("switched off for build only").isTrue();
    }

    @Test
    void a_field_is_a_probe_when_the_rules_cannot_be_read() {
        MaskingService s = new MaskingService(() -> {
            throw new IllegalStateException("rules gone");
        }, new FastEngine(), new Tokenizer(List.of(MaskingFixtures.TEST_KEY), 8), null, 1_000_000_000L, 1 << 20);
        assertThat(s.checkField("order.id").confidential()).isTrue();
    }

    @Test
    void withholds_field_names_as_well_as_values_when_the_rules_cannot_be_read() {
        MaskingService s = new MaskingService(() -> {
            throw new IllegalStateException("rules gone");
        }, new FastEngine(), new Tokenizer(List.of(MaskingFixtures.TEST_KEY), 8), null, 1_000_000_000L, 1 << 20);
        MaskedFields masked = s.mask(MaskingContext.strict("checkout"),
                java.util.Map.of("attempts.alice@example.com", "3", "order.id", "o-1"));
        assertThat(masked.asMap()).hasSize(2);
        assertThat(masked.asMap().keySet()).allSatisfy(name -> assertThat(name).startsWith(MaskedText.WITHHELD_TEXT))
                .noneMatch(name -> name.contains("alice"));
        assertThat(masked.asMap().values()).allMatch(MaskedText::withheld);
    }

    @Test
    void applies_a_per_service_override_of_action() {
        MaskingService s = ShippedMasking.withRules(ShippedMasking.PER_SERVICE_RULES);
        assertThat(s.mask(MaskingContext.strict("orders"), "EMP-123456").text()).matches("‹employee-id:[0-9a-f]{8}›");
        assertThat(s.mask(MaskingContext.strict("hr"), "EMP-123456").text()).isEqualTo("[REDACTED:employee-id]");
        assertThat(s.mask(MaskingContext.strict("build"), "EMP-123456").text()).isEqualTo("EMP-123456");
    }

    @Test
    void ip_scope_public_leaves_private_addresses_visible() {
        Validators publicOnly = new Validators(MaskingProperties.IpScope.PUBLIC);
        assertThat(publicOnly.find("ipv4").orElseThrow().valid("10.1.2.3")).isFalse();
        assertThat(publicOnly.find("ipv4").orElseThrow().valid("203.0.113.9")).isTrue();
        assertThat(publicOnly.find("ipv6").orElseThrow().valid("fe80::1")).isFalse();
        assertThat(MaskingFixtures.validators().find("ipv4").orElseThrow().valid("10.1.2.3"))
                .isTrue();
    }
}
