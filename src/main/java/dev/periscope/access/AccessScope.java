package dev.periscope.access;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one user may see right now: the union of their roles' policies plus their active grants. Features turn it
 * into a rewritten query (a service filter, PromQL matchers); they never filter results after fetching them.
 *
 * @param userId who the scope belongs to
 * @param logServices service filters, any of which admits a service (one per role, one per service grant)
 * @param metricScopes one label restriction per role with metrics access (a series is visible when any admits it);
 *     empty means no metrics access, and an empty map inside means all series
 * @param dashboards dashboard id globs
 * @param maxRange the longest time range of one query
 * @param export whether results may be exported
 * @param maskingExempt categories every service shows unmasked to this user (policy exemptions)
 * @param unmaskGrants service glob to categories unmasked by an approved grant
 * @param revealTokens tokens whose values this user may reveal under a grant
 * @param grants the active grants that widened this scope
 */
public record AccessScope(
        String userId,
        List<ServiceFilter> logServices,
        List<Map<String, ServiceFilter>> metricScopes,
        List<String> dashboards,
        Duration maxRange,
        boolean export,
        Set<String> maskingExempt,
        Map<String, Set<String>> unmaskGrants,
        Set<String> revealTokens,
        List<Grant> grants) {

    public AccessScope {
        logServices = List.copyOf(logServices);
        metricScopes = List.copyOf(metricScopes);
        dashboards = List.copyOf(dashboards);
        maskingExempt = Set.copyOf(maskingExempt);
        unmaskGrants = Map.copyOf(unmaskGrants);
        revealTokens = Set.copyOf(revealTokens);
        grants = List.copyOf(grants);
    }

    /** Nothing at all: the scope when the policy is missing or the user has no role. */
    public static AccessScope nothing(String userId) {
        return new AccessScope(userId, List.of(), List.of(), List.of(), Duration.ZERO, false, Set.of(), Map.of(),
                Set.of(), List.of());
    }

    public boolean allowsService(String service) {
        return logServices.stream().anyMatch(f -> f.allows(service));
    }

    public boolean seesAnyLogs() {
        return logServices.stream().anyMatch(f -> !f.isEmpty());
    }

    public boolean seesMetrics() {
        return !metricScopes.isEmpty();
    }

    /** The masking categories shown unmasked for one service: policy exemptions plus unmask grants. */
    public Set<String> exemptCategories(String service) {
        Set<String> exempt = new HashSet<>(maskingExempt);
        unmaskGrants.forEach((glob, categories) -> {
            if (ServiceFilter.only(glob).allows(service)) {
                exempt.addAll(categories);
            }
        });
        return exempt;
    }

    /** The grant that admits a service outside the user's roles, if one does. */
    public Optional<Grant> grantFor(String service) {
        return grants.stream()
                .filter(g -> g.kind() == GrantKind.SERVICE && g.services().stream()
                        .anyMatch(s -> ServiceFilter.only(s).allows(service)))
                .findFirst();
    }
}
