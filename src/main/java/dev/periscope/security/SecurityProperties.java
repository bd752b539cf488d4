package dev.periscope.security;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How users sign in.
 *
 * <pre>
 * periscope:
 *   security:
 *     oidc:
 *       issuer-uri: https://keycloak.example.com/realms/periscope   # PERISCOPE_SECURITY_OIDC_ISSUER_URI
 *       client-id: periscope                                        # PERISCOPE_SECURITY_OIDC_CLIENT_ID
 *       client-secret: change-me                                    # PERISCOPE_SECURITY_OIDC_CLIENT_SECRET
 *       scopes: [openid, profile, email]
 *       roles-claim: roles          # or realm_access.roles, or groups
 *     session:
 *       idle-timeout: 30m
 * </pre>
 *
 * Without the {@code demo} profile, the OIDC issuer must be set: the portal refuses to start open.
 */
@ConfigurationProperties("periscope.security")
public record SecurityProperties(@DefaultValue Oidc oidc, @DefaultValue Session session) {

    public record Oidc(
            @Nullable String issuerUri,
            @DefaultValue("periscope") String clientId,
            @Nullable String clientSecret,
            @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
            @DefaultValue("roles") String rolesClaim) {

        public boolean configured() {
            return issuerUri != null && !issuerUri.isBlank();
        }
    }

    public record Session(@DefaultValue("30m") Duration idleTimeout, @DefaultValue("12h") Duration absoluteTimeout) {
    }
}
