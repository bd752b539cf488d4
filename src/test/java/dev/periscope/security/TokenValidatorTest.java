package dev.periscope.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

/** The claims checks on bearer tokens; signatures are checked against a real Keycloak in OidcLoginIT. */
class TokenValidatorTest {

    static final String ISSUER = "https://sso.example.com/realms/periscope";
    final OAuth2TokenValidator<Jwt> validator = OidcConfiguration.tokenValidator(ISSUER, "periscope");

    @Test
    void a_current_token_from_the_issuer_for_periscope_is_accepted() {
        assertThat(validator.validate(token(ISSUER, "periscope", Instant.now().plus(Duration.ofMinutes(5)))).hasErrors()).isFalse();
    }

    @Test
    void a_token_expired_beyond_the_allowed_clock_skew_is_refused() {
        assertThat(validator.validate(token(ISSUER, "periscope", Instant.now().minus(Duration.ofMinutes(2)))).hasErrors()).isTrue();
    }

    @Test
    void a_token_from_another_issuer_is_refused() {
        assertThat(validator.validate(token("https://evil.example.com/realms/periscope", "periscope",
                Instant.now().plus(Duration.ofMinutes(5)))).hasErrors()).isTrue();
    }

    @Test
    void a_token_meant_for_another_application_is_refused() {
        assertThat(validator.validate(token(ISSUER, "grafana", Instant.now().plus(Duration.ofMinutes(5)))).hasErrors()).isTrue();
    }

    private static Jwt token(String issuer, String audience, Instant expires) {
        return Jwt.withTokenValue("t").header("alg", "RS256")
                .issuer(issuer).audience(List.of(audience)).subject("developer")
                .issuedAt(expires.minus(Duration.ofMinutes(10))).expiresAt(expires)
                .claim("roles", List.of("DEVELOPER")).build();
    }
}
