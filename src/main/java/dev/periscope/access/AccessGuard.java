package dev.periscope.access;

import dev.periscope.security.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Computes what a user may see now, from the policy in force and their active grants. Every feature service asks
 * it on every request, so a revoked or expired grant stops working at once, and a missing policy shows nothing.
 */
@Service
public class AccessGuard {

    private final PolicyStore policies;
    private final AccessRequestStore requests;
    private final Clock clock;

    AccessGuard(PolicyStore policies, AccessRequestStore requests, Clock clock) {
        this.policies = policies;
        this.requests = requests;
        this.clock = clock;
    }

    public AccessScope scopeFor(CurrentUser user) {
        AccessPolicy policy = policies.current();
        Instant now = clock.instant();
        List<ServiceFilter> services = new ArrayList<>();
        List<Map<String, ServiceFilter>> metrics = new ArrayList<>();
        List<String> dashboards = new ArrayList<>();
        Duration maxRange = Duration.ZERO;
        boolean export = false;
        Set<String> exempt = new HashSet<>();
        for (RolePolicy role : policy.rolesOf(user.roles())) {
            if (!role.logServices().isEmpty()) {
                services.add(role.logServices());
            }
            role.metrics().ifPresent(metrics::add);
            dashboards.addAll(role.dashboards());
            maxRange = maxRange.compareTo(role.maxRange()) >= 0 ? maxRange : role.maxRange();
            export |= role.export();
            exempt.addAll(role.maskingExempt());
        }
        Map<String, Set<String>> unmask = new HashMap<>();
        Set<String> reveal = new HashSet<>();
        List<Grant> active = activeGrants(user.id(), now);
        for (Grant grant : active) {
            switch (grant.kind()) {
                case SERVICE -> {
                    services.add(new ServiceFilter(grant.services(), List.of()));
                    // A granted service is visible in metrics too, through its service label.
                    metrics.add(Map.of("service", new ServiceFilter(grant.services(), List.of())));
                }
                case UNMASK -> grant.services().forEach(s -> unmask.computeIfAbsent(s, k -> new HashSet<>())
                        .addAll(grant.categories()));
                case REVEAL -> reveal.addAll(grant.tokens());
            }
        }
        if (policy == AccessPolicy.DENY_ALL) {
            return AccessScope.nothing(user.id());
        }
        return new AccessScope(user.id(), services, metrics, dashboards, maxRange, export, exempt, unmask, reveal, active);
    }

    /**
     * The user's grants in force at this instant that still hold up: none while no valid policy is loaded (nobody
     * sees anything then, revealed values included), and none whose request does not carry what granting it takes.
     * The requests live in a file that replicas share, so a grant is checked when it is used, not only when made.
     */
    public List<Grant> activeGrants(String userId, Instant now) {
        if (policies.current() == AccessPolicy.DENY_ALL) {
            return List.of();
        }
        return requests.all().stream()
                .filter(r -> r.requesterId().equals(userId) && r.activeAt(now) && soundlyGranted(r))
                .map(r -> r.grant().orElseThrow())
                .toList();
    }

    /**
     * Whether a granted request carries its own justification: enough approvals from people other than the
     * requester (or, for break glass, a grant to read services, which is all break glass gives), and a grant no
     * longer than the duration asked for, to the requester, of the kind asked for.
     */
    static boolean soundlyGranted(AccessRequest r) {
        Grant grant = r.grant().orElseThrow();
        long approvers = r.decisions().stream()
                .filter(d -> d.action().equals("approve") && !d.approverId().equals(r.requesterId()))
                .map(AccessRequest.Decision::approverId).distinct().count();
        boolean approved = r.emergency() ? r.kind() == GrantKind.SERVICE
                : approvers >= Math.max(1, r.approvalsNeeded());
        return approved && grant.userId().equals(r.requesterId()) && grant.kind() == r.kind()
                && !grant.expiresAt().isAfter(grant.startsAt().plus(r.duration()));
    }
}
