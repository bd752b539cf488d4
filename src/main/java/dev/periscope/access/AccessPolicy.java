package dev.periscope.access;

import java.util.List;
import java.util.Map;

/**
 * The whole access policy: one {@link RolePolicy} per role, plus the services whose elevated access needs two
 * approvers. Least privilege, default deny: unknown roles get {@link RolePolicy#NOTHING}.
 */
public record AccessPolicy(Map<String, RolePolicy> roles, ServiceFilter highRiskServices, String source) {

    /** The policy in force when no valid policy could be loaded: nobody sees anything. */
    public static final AccessPolicy DENY_ALL = new AccessPolicy(Map.of(), ServiceFilter.NONE, "(no valid policy)");

    public AccessPolicy {
        roles = Map.copyOf(roles);
    }

    public RolePolicy role(String role) {
        return roles.getOrDefault(role, RolePolicy.NOTHING);
    }

    public List<RolePolicy> rolesOf(List<String> userRoles) {
        return userRoles.stream().map(this::role).toList();
    }
}
