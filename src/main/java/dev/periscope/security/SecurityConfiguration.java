package dev.periscope.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.PathRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Three filter chains: the stateless REST API, the actuator endpoints, and the Vaadin UI.
 *
 * <p>The demo profile signs in with a form (UI) and HTTP Basic (API) against fixed users. Otherwise OIDC is
 * required; with neither, start-up fails rather than serving an open portal.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
class SecurityConfiguration {

    /**
     * Fits Vaadin Flow: its client evaluates server-sent JavaScript ({@code unsafe-eval}) and sets inline styles.
     * Everything is same-origin; nothing may frame the portal.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            + "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private final boolean demo;
    private final SecurityProperties properties;
    private final ObjectProvider<IdentityProvider> identityProvider;

    SecurityConfiguration(Environment environment, SecurityProperties properties, ObjectProvider<IdentityProvider> identityProvider) {
        this.demo = environment.acceptsProfiles(Profiles.of("demo"));
        this.properties = properties;
        this.identityProvider = identityProvider;
        if (!demo && !properties.oidc().configured()) {
            throw new LoginNotConfiguredException();
        }
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless and authenticated by header only: no cookie means no cross-site request to forge.
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(jsonUnauthorized()))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        if (demo) {
            http.httpBasic(basic -> basic.authenticationEntryPoint(jsonUnauthorized()));
        }
        if (properties.oidc().configured()) {
            http.oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()).authenticationEntryPoint(jsonUnauthorized()));
            http.addFilterBefore(SignInUnavailableFilter.forApi(identityProvider.getObject()), BearerTokenAuthenticationFilter.class);
        }
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(auth -> auth
                        // Health for load balancers; metrics for Prometheus. Neither carries event data.
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .anyRequest().hasRole(Roles.ADMIN))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .exceptionHandling(e -> e.authenticationEntryPoint(jsonUnauthorized()));
        if (demo) {
            http.httpBasic(basic -> basic.authenticationEntryPoint(jsonUnauthorized()));
        }
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain uiSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers(PathRequest.toStaticResources().atCommonLocations()).permitAll()
                .requestMatchers("/styles.css", "/images/**", "/error").permitAll());
        http.headers(h -> h
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .frameOptions(f -> f.deny()));
        http.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()));
        http.addFilterBefore(new AbsoluteSessionTimeout(properties.session().absoluteTimeout(), java.time.Clock.systemUTC()),
                org.springframework.security.web.context.SecurityContextHolderFilter.class);
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> {
            if (demo) {
                vaadin.loginView("/login", "/login?logout");
            } else {
                // With a post-logout URI, Vaadin installs RP-initiated logout that also works from a UI event:
                // the IdP session ends too, then the user lands back on the portal.
                vaadin.oauth2LoginPage("/oauth2/authorization/" + OidcConfiguration.REGISTRATION_ID, "{baseUrl}/");
            }
        });
        if (!demo) {
            http.addFilterBefore(SignInUnavailableFilter.forBrowser(identityProvider.getObject()),
                    OAuth2AuthorizationRequestRedirectFilter.class);
        }
        return http.build();
    }

    private static AuthenticationEntryPoint jsonUnauthorized() {
        return (request, response, exception) -> {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setHeader("WWW-Authenticate", "Basic realm=\"Periscope\", Bearer");
            response.getWriter().write("{\"error\":\"unauthorized\",\"message\":\"Sign in to use the Periscope API.\"}");
        };
    }
}
