package dev.periscope.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.periscope.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class IdentityProviderTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T03:00:00Z"));
    final AtomicBoolean idpUp = new AtomicBoolean(false);
    final AtomicInteger discoveries = new AtomicInteger();
    final AtomicInteger probes = new AtomicInteger();
    final IdentityProvider.Discovered found = new IdentityProvider.Discovered(registration(), mock(JwtDecoder.class));

    final IdentityProvider provider = new IdentityProvider("https://sso.example.com/realms/periscope", () -> {
        discoveries.incrementAndGet();
        if (!idpUp.get()) {
            throw new IllegalStateException("connection refused");
        }
        return found;
    }, () -> {
        probes.incrementAndGet();
        return idpUp.get();
    }, Duration.ofSeconds(10), clock);

    @Test
    void a_portal_started_while_the_idp_is_down_finds_it_once_it_answers() {
        assertThat(provider.answering()).isFalse();
        assertThat(provider.discovered()).isEmpty();

        idpUp.set(true);
        clock.advance(Duration.ofSeconds(10));

        assertThat(provider.answering()).isTrue();
        assertThat(provider.discovered()).contains(found);
    }

    @Test
    void a_down_idp_is_asked_at_most_once_per_interval_however_many_requests_arrive() {
        for (int i = 0; i < 50; i++) {
            provider.answering();
            provider.discovered();
        }
        assertThat(discoveries).hasValue(1);

        clock.advance(Duration.ofSeconds(10));
        provider.answering();

        assertThat(discoveries).hasValue(2);
    }

    @Test
    void once_discovered_the_provider_is_kept_for_tokens_while_browsers_are_told_it_is_down() {
        idpUp.set(true);
        assertThat(provider.answering()).isTrue();

        idpUp.set(false);
        clock.advance(Duration.ofSeconds(10));

        assertThat(provider.answering()).isFalse();
        assertThat(provider.discovered()).contains(found);
        assertThat(discoveries).hasValue(1);
        assertThat(probes).hasValue(1);
    }

    private static ClientRegistration registration() {
        return ClientRegistration.withRegistrationId("periscope")
                .clientId("periscope")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .authorizationUri("https://sso.example.com/auth")
                .tokenUri("https://sso.example.com/token")
                .build();
    }
}
