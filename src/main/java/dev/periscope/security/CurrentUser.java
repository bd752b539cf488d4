package dev.periscope.security;

import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The signed-in user as the rest of the portal needs them: a stable id, a display name and the portal roles.
 *
 * @param id stable identifier (the username, or the OIDC subject)
 * @param displayName what to show in the user menu
 * @param roles portal roles, without the {@code ROLE_} prefix
 */
public record CurrentUser(String id, String displayName, List<String> roles) {

    public CurrentUser {
        roles = List.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** The user of the current request or Vaadin session, if anyone is signed in. */
    public static Optional<CurrentUser> get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getPrincipal())) {
            return Optional.empty();
        }
        return Optional.of(from(auth));
    }

    public static CurrentUser from(Authentication auth) {
        List<String> roles = auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .filter(Roles.ALL::contains)
                .sorted()
                .toList();
        String display = auth.getName();
        if (auth.getPrincipal() instanceof OidcUser oidc) {
            display = Optional.ofNullable(oidc.getFullName())
                    .or(() -> Optional.ofNullable(oidc.getPreferredUsername()))
                    .orElse(auth.getName());
            return new CurrentUser(oidc.getSubject(), display, roles);
        }
        return new CurrentUser(auth.getName(), display, roles);
    }
}
