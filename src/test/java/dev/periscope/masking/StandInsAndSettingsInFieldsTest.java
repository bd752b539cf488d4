package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A field named for a secret or a person keeps what only stands in for one (a template, a placeholder, what other
 * systems already masked), a setting's level and a machine's name, and masks everything else as before.
 */
class StandInsAndSettingsInFieldsTest {

    private final MaskingService masker = MaskingFixtures.service(new FastEngine());
    private final MaskingContext strict = MaskingContext.strict("deploy");

    private Map<String, MaskedText> mask(String... namesAndValues) {
        return masker.mask(strict, MaskingFixtures.fields(namesAndValues)).asMap();
    }

    @Test
    void templates_and_placeholders_under_secret_names_stay() {
        Map<String, MaskedText> masked = mask("config.DB_PASSWORD", "${DB_PASSWORD}", "config.API_KEY", "********",
                "data.STRIPE_SECRET_KEY", "<redacted>", "values.token", "{{ .Values.token }}", "body.email",
                "[REDACTED]");
        masked.forEach((name, text) -> assertThat(text.hits()).as(name).isEmpty());
        assertThat(masked.get("config.DB_PASSWORD").text()).isEqualTo("${DB_PASSWORD}");
        assertThat(masked.get("body.email").text()).isEqualTo("[REDACTED]");
    }

    @Test
    void a_value_in_angle_brackets_that_is_not_a_placeholder_is_still_masked() {
        Map<String, MaskedText> masked = mask("password", "<hunter2>", "contact", "<john@example.com>");
        assertThat(masked.get("password").text()).isEqualTo("[REDACTED:password]");
        assertThat(masked.get("contact").text()).doesNotContain("john@example.com");
    }

    @Test
    void a_setting_s_level_under_a_password_name_stays_and_a_value_with_digits_does_not() {
        Map<String, MaskedText> masked = mask("password_policy", "excellent", "password_type", "hunter2");
        assertThat(masked.get("password_policy").text()).isEqualTo("excellent");
        assertThat(masked.get("password_type").text()).isEqualTo("[REDACTED:password]");
    }

    @Test
    void a_machine_s_name_under_a_display_name_stays_and_a_person_s_is_masked() {
        Map<String, MaskedText> masked = mask("auth.display_name", "kubernetes-payments-ledger",
                "owner.display_name", "jean-pierre", "user.name", "mary");
        assertThat(masked.get("auth.display_name").text()).isEqualTo("kubernetes-payments-ledger");
        assertThat(masked.get("owner.display_name").text()).startsWith("‹name:");
        assertThat(masked.get("user.name").text()).startsWith("‹name:");
    }
}
