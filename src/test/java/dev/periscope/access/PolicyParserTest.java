package dev.periscope.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

    static String demoPolicy() throws IOException {
        try (InputStream in = PolicyParserTest.class.getResourceAsStream(AccessConfiguration.DEMO_POLICY)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void the_demo_policy_keeps_payments_from_developers_but_not_from_on_call() throws IOException {
        AccessPolicy policy = PolicyParser.parse(demoPolicy(), "demo-policy.yaml");

        assertThat(policy.role("DEVELOPER").logServices().allows("checkout")).isTrue();
        assertThat(policy.role("DEVELOPER").logServices().allows("payments")).isFalse();
        assertThat(policy.role("ONCALL").logServices().allows("payments")).isTrue();
        assertThat(policy.role("ONCALL").maskingExempt()).containsExactly("network");
        assertThat(policy.role("AUDITOR").logServices().isEmpty()).isTrue();
        assertThat(policy.highRiskServices().allows("payments")).isTrue();
        assertThat(policy.role("DEVELOPER").requestable()).extracting(RolePolicy.Requestable::maxDuration)
                .contains(Duration.ofHours(4));
    }

    @Test
    void a_role_missing_from_the_policy_gets_nothing() {
        AccessPolicy policy = PolicyParser.parse("roles:\n  ONCALL:\n    logs:\n      services: [web]\n", "p.yaml");

        assertThat(policy.role("DEVELOPER")).isEqualTo(RolePolicy.NOTHING);
    }

    @Test
    void an_unknown_key_is_refused_with_its_line() {
        String yaml = "roles:\n  DEVELOPER:\n    logs:\n      servces: [web]\n";

        assertThatThrownBy(() -> PolicyParser.parse(yaml, "policy.yaml"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("policy.yaml:4")
                .hasMessageContaining("unknown key 'servces'");
    }

    @Test
    void a_misspelt_role_is_refused() {
        assertThatThrownBy(() -> PolicyParser.parse("roles:\n  DEVELOPPER: {}\n", "p.yaml"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("p.yaml:2")
                .hasMessageContaining("unknown role 'DEVELOPPER'");
    }

    @Test
    void a_role_defined_twice_in_different_case_is_refused_rather_than_silently_replaced() {
        String yaml = "roles:\n  DEVELOPER:\n    logs:\n      services: {include: ['*'], exclude: [payments]}\n"
                + "  developer:\n    logs:\n      services: ['*']\n";
        assertThatThrownBy(() -> PolicyParser.parse(yaml, "p.yaml"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("p.yaml:5")
                .hasMessageContaining("defined twice");
    }

    @Test
    void broken_yaml_and_bad_values_are_refused_with_a_reason() {
        assertThatThrownBy(() -> PolicyParser.parse("roles: [unclosed", "p.yaml")).isInstanceOf(PolicyException.class);
        assertThatThrownBy(() -> PolicyParser.parse("roles:\n  ONCALL:\n    max-range: forever\n", "p.yaml"))
                .hasMessageContaining("not a duration");
        assertThatThrownBy(() -> PolicyParser.parse("roles:\n  ONCALL:\n    logs:\n      services: ['a b']\n", "p.yaml"))
                .hasMessageContaining("not a valid service pattern");
        assertThatThrownBy(() -> PolicyParser.parse("", "p.yaml")).hasMessageContaining("empty");
        assertThatThrownBy(() -> PolicyParser.parse("roles:\n  ONCALL:\n    metrics:\n      labels:\n        __name__: [x]\n", "p.yaml"))
                .hasMessageContaining("label name");
    }
}
