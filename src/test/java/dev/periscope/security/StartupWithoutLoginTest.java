package dev.periscope.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.Application;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

class StartupWithoutLoginTest {

    @Test
    void the_portal_refuses_to_start_without_the_demo_profile_or_oidc() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class)
                .properties("server.port=0", "periscope.data.directory=target/test-data/no-login")
                .run().close())
                .isInstanceOf(LoginNotConfiguredException.class);
    }

    @Test
    void the_refusal_explains_how_to_configure_a_login() {
        FailureAnalysis analysis = new LoginNotConfiguredFailureAnalyzer().analyze(new LoginNotConfiguredException());

        assertThat(analysis.getDescription()).contains("never be open");
        assertThat(analysis.getAction()).contains("PERISCOPE_SECURITY_OIDC_ISSUER_URI").contains("demo");
    }
}
