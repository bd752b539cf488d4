package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where a key meets a sentence: a key announced in prose ("API key created for ...: <key>") is masked, while a
 * module's or a class's name before a colon, a flag named in a warning and the public key token of a .NET assembly
 * are no credentials, and the words after them stay.
 */
class KeysInProseAndNamesOfThingsTest {

    private final BothEngines engines = new BothEngines("auth");
    private final MaskingService masker = engines.fast();
    private final MaskingContext strict = engines.context();

    private String mask(String line) {
        return engines.mask(line);
    }

    /** The line masked (both engines agreeing), without {@code value}. */
    private String maskedWithout(String line, String value) {
        String masked = mask(line);
        assertThat(masked).doesNotContain(value);
        return masked;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "API key created for x@y.com: aNMz5UmazsU5iVO20epFduuqSSVE169OlyQ2wOdV (scopes=read,write) "
                + "| aNMz5UmazsU5iVO20epFduuqSSVE169OlyQ2wOdV",
        "Generated secret for service billing: Zq8mN3vL5xR2tK9wP4yB7cF1hJ6dG0sA | Zq8mN3vL5xR2tK9wP4yB7cF1hJ6dG0sA",
        "New access token issued to bob: kT9vX2mQ7rL4pZ8wN3yB6cF1hJ5dG0sAeR | kT9vX2mQ7rL4pZ8wN3yB6cF1hJ5dG0sAeR",
        "Rotated signing key for tenant acme: 'r8Kq2VxN5mZt7Lw3Pj9Hc4Bd' | r8Kq2VxN5mZt7Lw3Pj9Hc4Bd",
    })
    void a_key_announced_in_a_sentence_before_a_colon_is_redacted(String line, String key) {
        assertThat(maskedWithout(line, key)).contains("[REDACTED:secret]");
    }

    @Test
    void the_words_after_an_announced_key_stay() {
        assertThat(mask("API key created for x@y.com: aNMz5UmazsU5iVO20epFduuqSSVE169OlyQ2wOdV (scopes=read,write)"))
                .startsWith("API key created for ‹email:").endsWith(": [REDACTED:secret] (scopes=read,write)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"API key: not set", "token: expired", "Token for request: 4bf92f3577b34da6a3ce929d0e0e4736",
        "token refresh failed: connection reset by peer", "secret rotation: done in 1234ms",
        "API key lookup took too long: 1500ms", "secret scan finished: 0 findings in 4821 files",
        "API key for ci: ops_eyJzaWduSW5B..[Redacted]"})
    void a_status_a_measure_an_id_or_a_key_another_tool_cut_short_after_such_a_phrase_stays(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "auth: login succeeded userId=42",
        "auth: token claims iat=1700000000 exp=1700003600",
        "2025-01-01 10:00:00 INFO 4242 --- [main] c.e.s.PasswordPolicyService : Password policy updated",
        "c.e.s.PasswordResetController   : Password reset link sent",
        "INFO:app.auth:User alice logged in",
        "Jan 1 10:00:00 host passwd[123]: pam_unix(passwd:chauthtok): password changed for alice",
        "WARNING! Using --password via the CLI is insecure. Use --password-stdin.",
        "password: must be at least 8 characters",
        "token: authentication failed for user bob",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf",
    })
    void a_logger_or_module_name_before_a_colon_and_the_prose_after_it_stay(String line) {
        // The user a line ends with is tokenized as a login name, by a rule of its own.
        assertThat(mask(line).replaceAll("‹user:[0-9a-f]+›$", "alice")).isEqualTo(line.replaceAll("bob$", "alice"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "auth: Zm9vOmJhcg== | Zm9vOmJhcg==",
        "password: hunter2 | hunter2",
        "mysql --password hunter2 -h db | hunter2",
        "token: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlMTIz | eyJzdWIiOiIxMjM0In0",
        "secret=changeit | changeit",
        "jwt_secret=supersecret | supersecret",
        "password: letmein | letmein",
        "password: letmein user=bob | letmein",
        "INFO:root:password: hunter2 | hunter2",
        "INFO:root:password=hunter2 | hunter2",
        "create user failed: &{User:bob Password:hunter2} | hunter2",
        "Password     : hunter2 | hunter2",
        "docker login --password hunter -u bob | hunter",
        "--token abc123xyz --verbose | abc123xyz",
        "db.password:s3cret config reloaded | s3cret",
    })
    void a_value_under_a_key_that_stands_as_one_is_still_redacted(String line, String value) {
        assertThat(maskedWithout(line, value)).contains("[REDACTED:");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Could not load file or assembly 'Newtonsoft.Json, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed'",
        "<assemblyIdentity name=\"Newtonsoft.Json\" publicKeyToken=\"30ad4fe6b2a6aeed\" culture=\"neutral\" />",
        "{\"PublicKeyToken\":\"30ad4fe6b2a6aeed\"}",
    })
    void the_public_key_token_of_a_dotnet_assembly_name_stays(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }

    @Test
    void a_public_key_token_field_stays_and_other_tokens_are_still_redacted() {
        assertThat(masker.mask(strict, Map.of("PublicKeyToken", "30ad4fe6b2a6aeed")).asMap().get("PublicKeyToken")
                .text()).isEqualTo("30ad4fe6b2a6aeed");
        assertThat(mask("apiToken=Zq8mN3vL5xR2tK9wP4yB7cF1 publicKey=MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE"))
                .startsWith("apiToken=[REDACTED:secret] ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "login failed user=bob password=sunshine from 10.0.0.5 | sunshine",
        "auth failed username=alice password=qwerty via ssh | qwerty",
        "PASSWORD=dragon set for user bob | dragon",
        "mysql -u root --password=secretpw orders | secretpw",
        "--password mypass db | mypass",
        "redis-cli -h r1 --pass mysecret ping | mysecret",
        "docker login -u bob --password hunterpass registry.example.com | hunterpass",
        "client_secret=abcdefghijkl and more | abcdefghijkl",
        "api_token: abcdefghij something | abcdefghij",
        "new password: sunshine and welcome | sunshine",
        "secret: opensesame for prod | opensesame",
    })
    void a_word_that_is_no_function_word_or_word_about_passwords_is_a_value_whatever_follows_it(String line,
            String value) {
        assertThat(maskedWithout(line, value)).contains("[REDACTED:");
    }

    @Test
    void the_words_after_a_value_that_name_a_host_or_a_command_stay() {
        assertThat(mask("mysql -u root --password=secretpw orders")).endsWith("=[REDACTED:password] orders");
        assertThat(mask("redis-cli -h r1 --pass mysecret ping"))
                .isEqualTo("redis-cli -h r1 --pass [REDACTED:password] ping");
        assertThat(mask("secret: opensesame for prod")).isEqualTo("secret: [REDACTED:secret] for prod");
    }

    @Test
    void a_passphrase_of_lower_case_words_after_a_colon_is_redacted_whole() {
        assertThat(maskedWithout("password: correct horse battery staple", "horse"))
                .isEqualTo("password: [REDACTED:password]");
        assertThat(maskedWithout("password: correct horse battery staple, user=bob", "staple"))
                .startsWith("password: [REDACTED:password], user=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Using --password via the CLI is insecure", "password: must be at least 8 characters",
        "auth: login succeeded", "PasswordPolicyService : Password policy updated"})
    void a_function_word_or_a_word_about_passwords_after_a_key_or_flag_is_prose_and_stays(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }

    @Test
    void every_word_of_the_prose_list_is_prose_after_a_password_key_and_a_flag_in_both_engines() {
        // The content rules carry the list in their patterns, EmbeddedFields in a set: they must agree.
        for (String word : EmbeddedFields.PROSE_WORDS) {
            for (String line : new String[] {"password: " + word + " words follow", "--password " + word + " the CLI",
                "api_secret: " + word + " words follow"}) {
                assertThat(mask(line)).as(line).isEqualTo(line);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"password_config", "password_policy", "smtp.password_manager", "passwordValidator",
        "password_job", "PasswordResetService"})
    void a_field_named_for_a_password_is_redacted_whatever_word_ends_its_name(String name) {
        assertThat(masker.mask(strict, Map.of(name, "S3cr3t!Pass")).asMap().get(name).text())
                .isEqualTo("[REDACTED:password]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"password_config\":\"S3cr3t!Pass\"}", "{\"password_policy\": \"S3cr3t!Pass\"}",
        "smtp.password_manager=S3cr3t!Pass", "passwordValidator: S3cr3t!Pass", "password_job=S3cr3t!Pass"})
    void a_secret_under_a_key_named_for_a_part_of_a_program_about_passwords_is_redacted_in_text(String line) {
        assertThat(maskedWithout(line, "S3cr3t!Pass")).contains("[REDACTED:password]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"c.e.s.PasswordPolicyService : Password policy updated",
        "PasswordResetService: enabled", "password_policy=12", "passwordValidator: true",
        "{\"password_policy\": \"min length 12\"}", "password_config: Loaded from vault"})
    void a_setting_or_prose_under_a_key_named_for_a_part_of_a_program_about_passwords_stays_in_text(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }

    @ParameterizedTest
    @ValueSource(strings = {"API key for service: billing-api-prod-01", "Token issuer: auth-server-prod-01",
        "token audience: orders-api-production-2024", "Secret sync failed for namespace: team-payments-prod-eu1",
        "Private key loaded from keystore: server-keystore-2024.p12", "secret store: aws-secretsmanager-eu-west-1",
        "token endpoint: oauth2-token-v1-eu-central-1", "Token bucket: ratelimit-orders-api-2024"})
    void a_name_of_lower_case_words_after_a_phrase_about_a_key_stays(String line) {
        assertThat(mask(line)).isEqualTo(line);
    }

    @Test
    void a_key_announced_in_a_sentence_is_still_redacted_next_to_names_that_stay() {
        assertThat(maskedWithout("API key created for x@y.com: aNMz5UmazsU5iVO20epFduuqSSVE169OlyQ2wOdV",
                "aNMz5UmazsU5iVO20epFduuqSSVE169OlyQ2wOdV")).endsWith(": [REDACTED:secret]");
    }
}
