package dev.periscope.access;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one role may do. Everything defaults to nothing: a role missing from the policy, or a section missing from a
 * role, grants no access.
 *
 * @param logServices log services the role may read
 * @param metrics label name to allowed values, added as matchers to every PromQL query of the role; empty when the
 *     role has no metrics access, an empty map when it may see all series
 * @param dashboards dashboard ids (globs) the role may open
 * @param maxRange the longest time range of one query
 * @param export whether the role may export results
 * @param maskingExempt masking categories the role sees unmasked (e.g. on-call and {@code network})
 * @param requestable what the role may request as elevated access
 * @param breakGlass whether the role may grant itself emergency access, and for how long at most
 */
public record RolePolicy(
        ServiceFilter logServices,
        Optional<Map<String, ServiceFilter>> metrics,
        List<String> dashboards,
        Duration maxRange,
        boolean export,
        Set<String> maskingExempt,
        List<Requestable> requestable,
        BreakGlass breakGlass) {

    public static final RolePolicy NOTHING = new RolePolicy(ServiceFilter.NONE, Optional.empty(), List.of(), Duration.ZERO,
            false, Set.of(), List.of(), BreakGlass.NOT_ALLOWED);

    public RolePolicy {
        metrics = metrics.map(Map::copyOf);
        dashboards = List.copyOf(dashboards);
        maskingExempt = Set.copyOf(maskingExempt);
        requestable = List.copyOf(requestable);
    }

    /**
     * One kind of elevated access a role may ask for.
     *
     * @param kind reading a service outside the role, seeing a masking category unmasked, or revealing tokens
     * @param services the services it may cover (globs)
     * @param categories for {@link GrantKind#UNMASK}: the masking categories it may cover
     * @param maxDuration the longest grant
     */
    public record Requestable(GrantKind kind, ServiceFilter services, Set<String> categories, Duration maxDuration) {
        public Requestable {
            categories = Set.copyOf(categories);
        }
    }

    /** Emergency self-grant: allowed or not, and for how long at most. */
    public record BreakGlass(boolean allowed, Duration maxDuration) {
        public static final BreakGlass NOT_ALLOWED = new BreakGlass(false, Duration.ZERO);
    }
}
