package dev.periscope.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

class RoleClaimsTest {

    @Test
    void reads_roles_from_a_top_level_claim() {
        assertThat(names(RoleClaims.authorities(Map.of("roles", List.of("developer", "oncall")), "roles")))
                .containsExactly("ROLE_DEVELOPER", "ROLE_ONCALL");
    }

    @Test
    void reads_roles_from_a_nested_claim_like_keycloaks_realm_access() {
        Map<String, Object> claims = Map.of("realm_access", Map.of("roles", List.of("AUDITOR", "offline_access")));

        assertThat(names(RoleClaims.authorities(claims, "realm_access.roles"))).containsExactly("ROLE_AUDITOR");
    }

    @Test
    void accepts_group_paths_with_a_leading_slash() {
        assertThat(names(RoleClaims.authorities(Map.of("groups", List.of("/approver")), "groups")))
                .containsExactly("ROLE_APPROVER");
    }

    @Test
    void ignores_names_that_are_not_portal_roles_and_missing_claims() {
        assertThat(RoleClaims.authorities(Map.of("roles", List.of("superuser", "admin-of-billing")), "roles")).isEmpty();
        assertThat(RoleClaims.authorities(Map.of(), "realm_access.roles")).isEmpty();
        assertThat(RoleClaims.authorities(Map.of("realm_access", "not-a-map"), "realm_access.roles")).isEmpty();
    }

    private static List<String> names(List<GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).toList();
    }
}
