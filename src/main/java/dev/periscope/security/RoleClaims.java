package dev.periscope.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Reads portal roles from an IdP claim at a dotted path ({@code roles}, {@code realm_access.roles}, {@code groups}).
 * Only the portal's own role names are kept, so an IdP group called "admin-of-something-else" grants nothing.
 */
final class RoleClaims {

    private RoleClaims() {
    }

    static List<GrantedAuthority> authorities(Map<String, Object> claims, String path) {
        Object value = claims;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return List.of();
            }
            value = map.get(part);
        }
        Collection<?> names = value instanceof Collection<?> c ? c : value instanceof String s ? List.of(s) : List.of();
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (Object name : names) {
            String role = String.valueOf(name).replaceFirst("^/", "").toUpperCase(Locale.ROOT);
            if (Roles.ALL.contains(role)) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
            }
        }
        return authorities;
    }
}
