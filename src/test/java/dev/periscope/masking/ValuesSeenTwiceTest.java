package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A value masked in one place of a text is masked wherever the text repeats it whole, with the same token; columns a
 * statement quotes are read as keys; and who acted in an audit event is masked by login unless a bot or the system.
 */
class ValuesSeenTwiceTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("web");

    @Test
    void a_login_in_a_statement_is_masked_again_in_its_logged_arguments_with_the_same_token() {
        String masked = masker.mask(strict, "(0.001) SELECT \"auth_user\".\"id\" FROM \"auth_user\" WHERE"
                + " \"auth_user\".\"username\" = 'mgarcia' LIMIT 21; args=('mgarcia',); alias=default").text();
        assertThat(masked).doesNotContain("mgarcia");
        String token = masked.substring(masked.indexOf('‹'), masked.indexOf('›') + 1);
        assertThat(masked).contains("args=('" + token + "',)");
    }

    @Test
    void a_repeat_inside_another_word_stays() {
        String masked = masker.mask(strict, "user=jdoe logged in; jdoe2 and xjdoe differ; path /home/jdoe/x").text();
        assertThat(masked).contains("jdoe2 and xjdoe differ").doesNotContain("/jdoe/");
    }

    @Test
    void a_statement_s_quoted_columns_are_keys_and_its_placeholders_hold_no_value() {
        assertThat(masker.mask(strict, "SELECT * FROM users WHERE `email` = 'ann@x.io' AND `status` = 'active'")
                .text()).doesNotContain("ann@x.io").contains("`status` = 'active'");
        assertThat(masker.mask(strict, "UPDATE \"customers\" SET \"first_name\" = 'Ann', \"tier\" = 'gold'").text())
                .doesNotContain("'Ann'").contains("\"tier\" = 'gold'");
        String numbered = "SELECT \"users\".* FROM \"users\" WHERE \"users\".\"email\" = $1 LIMIT $2";
        assertThat(masker.mask(strict, numbered).text()).isEqualTo(numbered);
    }

    @Test
    void an_actor_s_login_is_masked_and_a_bot_or_the_system_stays() {
        Map<String, MaskedText> masked = masker.mask(strict, Map.of("actor", "sanjay-iyer",
                "sender.login", "octocat", "bots.actor", "dependabot[bot]", "system.actor", "system")).asMap();
        assertThat(masked.get("actor").text()).startsWith("‹user:");
        assertThat(masked.get("sender.login").text()).startsWith("‹user:");
        assertThat(masked.get("bots.actor").text()).isEqualTo("dependabot[bot]");
        assertThat(masked.get("system.actor").text()).isEqualTo("system");
    }

    @Test
    void a_password_named_in_the_middle_of_a_field_s_name_is_masked() {
        Map<String, MaskedText> masked = masker.mask(strict, Map.of("ses_smtp_password_v4", "DuzHVxbXfTvqWI4be7zS",
                "min_password_length", "12")).asMap();
        assertThat(masked.get("ses_smtp_password_v4").text()).isEqualTo("[REDACTED:password]");
        assertThat(masked.get("min_password_length").text()).isEqualTo("12");
    }
}
