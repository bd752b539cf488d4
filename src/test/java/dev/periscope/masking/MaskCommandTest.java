package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MaskCommandTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new MaskCommand().run(List.of(args), new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void masks_standard_input_line_for_line() {
        Result r = run("paid by jane.doe@example.com\nno secrets here\npassword=hunter2hunter2\n",
                "--rules", MaskingFixtures.rulesDirectory().toString());
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("paid by ‹email:[0-9a-f]{8}›");
        assertThat(lines.get(1)).isEqualTo("no secrets here");
        assertThat(lines.get(2)).isEqualTo("password=[REDACTED:password]");
    }

    @Test
    void redacts_a_private_key_written_over_several_lines_up_to_its_end_line_or_the_first_line_that_is_no_key() {
        // A line shorter than a full body line ends the block unless it is the last of one: "Release" stays.
        assertThat(run("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\nDeploying\n"
                + "Release\n", "--rules", MaskingFixtures.rulesDirectory().toString()).out().lines().toList())
                .containsExactly("-----BEGIN PRIVATE KEY-----", PrivateKeyLines.REDACTED, PrivateKeyLines.REDACTED,
                        "Release");
        redactsAKeyOverSeveralLines();
    }

    private void redactsAKeyOverSeveralLines() {
        String in = """
                loaded key:
                -----BEGIN EC PRIVATE KEY-----
                MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oTKz3Lfn1LvWoAoGCCqGSM49
                8w==
                -----END EC PRIVATE KEY-----
                next MHcCAQEEIBkg4LVWM9nuwNSk
                -----BEGIN RSA PRIVATE KEY-----
                Proc-Type: 4,ENCRYPTED

                MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun
                2026-11-24 10:00:02 ERROR cut short by bob@example.org
                pod stdout F -----BEGIN PRIVATE KEY-----
                pod stdout F MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj
                pod stdout F -----END PRIVATE KEY-----
                """;
        Result r = run(in, "--rules", MaskingFixtures.rulesDirectory().toString(), "--explain");
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(14);
        assertThat(lines.get(2)).isEqualTo(PrivateKeyLines.REDACTED);
        assertThat(lines.get(3)).isEqualTo(PrivateKeyLines.REDACTED);
        assertThat(lines.get(4)).isEqualTo("-----END EC PRIVATE KEY-----");
        assertThat(lines.get(5)).isEqualTo("next MHcCAQEEIBkg4LVWM9nuwNSk");
        assertThat(lines.get(7)).as("an encrypted key's header is no secret").isEqualTo("Proc-Type: 4,ENCRYPTED");
        assertThat(lines.get(8)).isEmpty();
        assertThat(lines.get(9)).isEqualTo(PrivateKeyLines.REDACTED);
        assertThat(lines.get(10)).startsWith("2026-11-24 10:00:02 ERROR cut short by ‹email:");
        assertThat(lines.get(12)).isEqualTo("pod stdout F " + PrivateKeyLines.REDACTED);
        assertThat(r.err()).contains("line 3: private-key-block[0,64)").doesNotContain("MHcC");
    }

    @Test
    void keeps_ndjson_valid_and_applies_field_rules() throws Exception {
        String in = "{\"service\":\"billing\",\"user\":{\"email\":\"bob@example.org\",\"password\":\"x9Zs!pQ\"},"
                + "\"amount\":42,\"items\":[{\"card_number\":\"5555555555554444\"}],\"msg\":\"from 203.0.113.9\"}\n"
                + "not json at all, jane.doe@example.com\n";
        Result r = run(in, "--format", "ndjson", "--rules", MaskingFixtures.rulesDirectory().toString());
        assertThat(r.code()).isZero();
        JsonMapper json = JsonMapper.builder().build();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.get("user").get("password").asString()).isEqualTo("[REDACTED:password]");
        assertThat(first.get("user").get("email").asString()).matches("‹email:[0-9a-f]{8}›");
        assertThat(first.get("items").get(0).get("card_number").asString()).isEqualTo("************4444");
        assertThat(first.get("amount").asInt()).isEqualTo(42);
        assertThat(first.get("msg").asString()).matches("from ‹ip:[0-9a-f]{8}›");
        assertThat(json.readTree(lines.get(1)).get("message").asString()).doesNotContain("jane.doe");
    }

    @Test
    void writes_numbers_with_a_fraction_as_they_were_spelt() {
        String line = "{\"ts\":1732270815.123,\"amount\":1.50,\"ratio\":0.000001,\"n\":42}";
        Result r = run(line + "\n", "--format", "ndjson", "--rules", MaskingFixtures.rulesDirectory().toString());
        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).isEqualTo(line);
    }

    @Test
    void masks_a_key_that_holds_a_value_and_the_value_under_it() throws Exception {
        Result r = run("{\"attempts\":{\"alice@example.com\":\"4111 1111 1111 1111\"},\"password\":[\"Hunter2Secret!\"]}\n",
                "--format", "ndjson", "--rules", MaskingFixtures.rulesDirectory().toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).doesNotContain("alice").doesNotContain("4111 1111 1111").doesNotContain("Hunter2");
        JsonNode line = JsonMapper.builder().build().readTree(r.out().strip());
        assertThat(line.get("attempts").propertyNames()).singleElement().asString().matches("‹email:[0-9a-f]{8}›");
        assertThat(line.get("password").get(0).asString()).isEqualTo("[REDACTED:password]");
    }

    @Test
    void keeps_a_line_with_a_lone_carriage_return_as_one_line() {
        Result r = run("card 4111 1111\r1111 1111 x\r\nnext\n", "--rules", MaskingFixtures.rulesDirectory().toString());
        assertThat(r.out().split("\n", -1)).hasSize(3).endsWith("");
        assertThat(r.out()).startsWith("card ").contains("\nnext\n");
    }

    @Test
    void explains_rules_and_offsets_without_values() {
        Result r = run("mail jane.doe@example.com from 203.0.113.9\n", "--explain", "--rules",
                MaskingFixtures.rulesDirectory().toString());
        assertThat(r.err()).contains("line 1: email[5,25) ipv4[31,42)");
        assertThat(r.err()).doesNotContain("jane").doesNotContain("203.0.113.9");
    }

    @Test
    void in_ndjson_a_field_that_holds_an_object_masks_every_leaf_under_it_and_explain_says_so() throws Exception {
        String in = "{\"item\":{\"fullName\":{\"S\":\"Henrik Larsen\"},\"password\":{\"S\":\"hunter2pw\"}},"
                + "\"individual\":{\"dob\":{\"day\":23,\"month\":9,\"year\":1985}}}\n";
        Result r = run(in, "--format", "ndjson", "--explain", "--rules", MaskingFixtures.rulesDirectory().toString());

        JsonNode event = JsonMapper.builder().build().readTree(r.out().strip());
        assertThat(event.get("item").get("password").get("S").asString()).isEqualTo("[REDACTED:password]");
        assertThat(event.get("item").get("fullName").get("S").asString()).startsWith("‹name:");
        assertThat(event.get("individual").get("dob").get("year").asString()).doesNotContain("1985");
        assertThat(r.err()).contains("item.password.S=password-field", "individual.dob.day=date-of-birth-field")
                .doesNotContain("hunter2pw").doesNotContain("Larsen");
    }

    @Test
    void exits_non_zero_with_a_message_on_unreadable_rules(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.yaml"),
                "category: pii\nrules:\n  - id: x\n    detector: {pattern: '(a+)+', keywords: [a]}\n");
        Result r = run("hello\n", "--rules", dir.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("bad.yaml:4").contains("unbounded quantifier");
        assertThat(r.out()).isEmpty();
        assertThat(run("", "--rules", dir.resolve("missing").toString()).code()).isNotZero();
    }
}
