package dev.periscope.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/** Browser login through any OIDC provider, and bearer JWTs from the same issuer for the API. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "periscope.security.oidc", name = "issuer-uri")
class OidcConfiguration {

    static final String REGISTRATION_ID = "periscope";

    /** Discovered on first use, so the portal starts (and explains itself) while the IdP is down. */
    @Bean
    IdentityProvider identityProvider(SecurityProperties properties) {
        SecurityProperties.Oidc oidc = properties.oidc();
        return new IdentityProvider(oidc.issuerUri(),
                () -> new IdentityProvider.Discovered(registration(oidc), decoder(oidc)),
                new DiscoveryProbe(oidc.issuerUri()),
                Duration.ofSeconds(10), Clock.systemUTC());
    }

    @Bean
    ClientRegistrationRepository clientRegistrations(IdentityProvider provider) {
        return id -> REGISTRATION_ID.equals(id)
                ? provider.discovered().map(IdentityProvider.Discovered::registration).orElse(null)
                : null;
    }

    private static ClientRegistration registration(SecurityProperties.Oidc oidc) {
        return ClientRegistrations.fromIssuerLocation(oidc.issuerUri())
                .registrationId(REGISTRATION_ID)
                .clientId(oidc.clientId())
                .clientSecret(oidc.clientSecret())
                .scope(oidc.scopes())
                .build();
    }

    /** Maps the configured roles claim of the ID token (or user info) to portal roles. */
    @Bean
    GrantedAuthoritiesMapper oidcRoles(SecurityProperties properties) {
        String claim = properties.oidc().rolesClaim();
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>();
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    mapped.addAll(RoleClaims.authorities(oidc.getIdToken().getClaims(), claim));
                    if (oidc.getUserInfo() != null) {
                        mapped.addAll(RoleClaims.authorities(oidc.getUserInfo().getClaims(), claim));
                    }
                }
            }
            return mapped;
        };
    }

    /** Bearer tokens are checked with the discovered provider's keys; before discovery, no token is accepted. */
    @Bean
    JwtDecoder jwtDecoder(IdentityProvider provider) {
        return token -> provider.discovered()
                .orElseThrow(() -> new JwtException("The identity provider has not answered yet"))
                .decoder().decode(token);
    }

    /**
     * Bearer tokens must be signed by the issuer, unexpired, and meant for Periscope: a token the IdP issued to
     * another application ({@code aud} without our client id) is refused.
     */
    private static JwtDecoder decoder(SecurityProperties.Oidc oidc) {
        NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(oidc.issuerUri());
        decoder.setJwtValidator(tokenValidator(oidc.issuerUri(), oidc.clientId()));
        return decoder;
    }

    /** Issuer, expiry (with the default clock skew) and audience; the signature is checked by the decoder itself. */
    static OAuth2TokenValidator<Jwt> tokenValidator(String issuer, String clientId) {
        OAuth2TokenValidator<Jwt> audience = jwt -> jwt.getAudience() != null && jwt.getAudience().contains(clientId)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                        "The token is not meant for Periscope (audience)", null));
        return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer), audience);
    }

    @Bean
    JwtAuthenticationConverter jwtAuthenticationConverter(SecurityProperties properties) {
        String claim = properties.oidc().rolesClaim();
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Collection<GrantedAuthority> roles = new ArrayList<>(RoleClaims.authorities(jwt.getClaims(), claim));
            return List.copyOf(roles);
        });
        return converter;
    }
}
