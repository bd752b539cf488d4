package dev.periscope.metrics;

import dev.periscope.access.AccessGuard;
import dev.periscope.access.AccessScope;
import dev.periscope.access.ServiceFilter;
import dev.periscope.metrics.MetricScope.ScopeMatcher;
import dev.periscope.security.AuditActors;
import dev.periscope.security.CurrentUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Turns what the access guard allows a user into the {@link MetricScope} every metrics read takes. Asked on every
 * request, so an expired or revoked grant stops working at once; no policy, no role with metrics or no usable scope
 * means no metrics at all.
 *
 * <p>Roles and grants combine by union, but one PromQL selector can only express a conjunction of matchers. So
 * label restrictions are merged only where the merge is exact or narrower than the union: restrictions that differ
 * in one label become one include/exclude filter on that label ({@link ServiceFilter#union}); a restriction that
 * cannot be merged that way is left out, and the user sees less, never more.
 */
@Component
public class MetricAccessResolver {

    private final AccessGuard guard;

    MetricAccessResolver(AccessGuard guard) {
        this.guard = guard;
    }

    /** The user's metrics access, or empty when their roles and grants show them no metrics at all. */
    public Optional<MetricAccess> forUser(CurrentUser user) {
        AccessScope access = guard.scopeFor(user);
        return scopeOf(access).map(r -> new MetricAccess(AuditActors.of(user), r.scope(), r.narrowed()));
    }

    record Resolved(MetricScope scope, boolean narrowed) {
    }

    static Optional<Resolved> scopeOf(AccessScope access) {
        if (!access.seesMetrics() || access.maxRange().isNegative() || access.maxRange().isZero()) {
            return Optional.empty();
        }
        Set<String> exempt = new LinkedHashSet<>(access.maskingExempt());
        // Label values are masked with one set of exemptions per read, so only grants for every service apply.
        access.unmaskGrants().forEach((glob, categories) -> {
            if (glob.equals("*")) {
                exempt.addAll(categories);
            }
        });
        List<Map<String, ServiceFilter>> restrictions = new ArrayList<>();
        for (Map<String, ServiceFilter> r : access.metricScopes()) {
            if (r.isEmpty()) {
                return Optional.of(new Resolved(MetricScope.allSeries(access.maxRange(), exempt), false));
            }
            // A restriction one of whose labels admits no value admits no series: it adds nothing to the union.
            if (r.values().stream().noneMatch(ServiceFilter::isEmpty) && !restrictions.contains(r)) {
                restrictions.add(r);
            }
        }
        if (restrictions.isEmpty()) {
            return Optional.empty();
        }
        Map<String, ServiceFilter> merged = new LinkedHashMap<>(restrictions.getFirst());
        boolean narrowed = false;
        for (Map<String, ServiceFilter> next : restrictions.subList(1, restrictions.size())) {
            Optional<String> differing = onlyDifference(merged, next);
            if (differing.isPresent()) {
                String label = differing.get();
                merged.put(label, ServiceFilter.union(List.of(merged.get(label), next.get(label))));
            } else if (!merged.equals(next)) {
                narrowed = true;
            }
        }
        List<ScopeMatcher> matchers = new ArrayList<>();
        merged.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> matchers.addAll(matchers(e.getKey(), e.getValue())));
        return Optional.of(new Resolved(new MetricScope(matchers, access.maxRange(), exempt), narrowed));
    }

    /** The one label two restrictions differ in, when they name the same labels and differ in exactly one. */
    private static Optional<String> onlyDifference(Map<String, ServiceFilter> a, Map<String, ServiceFilter> b) {
        if (!a.keySet().equals(b.keySet())) {
            return Optional.empty();
        }
        List<String> differing = a.keySet().stream().filter(k -> !a.get(k).equals(b.get(k))).toList();
        return differing.size() == 1 ? Optional.of(differing.getFirst()) : Optional.empty();
    }

    /**
     * The matchers of one label's filter. The include matcher never accepts an empty value: a series without the
     * label cannot be attributed to anything the role may see, so {@code *} means "any value", not "also none".
     */
    static List<ScopeMatcher> matchers(String label, ServiceFilter filter) {
        List<ScopeMatcher> result = new ArrayList<>(2);
        List<String> include = filter.include();
        if (include.size() == 1 && isLiteral(include.getFirst())) {
            result.add(ScopeMatcher.equal(label, include.getFirst()));
        } else {
            result.add(new ScopeMatcher(label, ScopeMatcher.Op.REGEX, alternatives(include)));
        }
        if (!filter.exclude().isEmpty()) {
            result.add(new ScopeMatcher(label, ScopeMatcher.Op.NOT_REGEX, alternatives(filter.exclude())));
        }
        return result;
    }

    private static boolean isLiteral(String glob) {
        return glob.indexOf('*') < 0 && glob.indexOf('?') < 0;
    }

    private static String alternatives(List<String> globs) {
        var sb = new StringBuilder();
        for (String glob : globs) {
            if (!sb.isEmpty()) {
                sb.append('|');
            }
            sb.append(regex(glob));
        }
        return sb.toString();
    }

    /** A glob as an anchored-by-PromQL regular expression; globs hold only letters, digits, {@code ._-:/*?}. */
    static String regex(String glob) {
        if (glob.chars().allMatch(c -> c == '*')) {
            return ".+";
        }
        var sb = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                case '.' -> sb.append("\\.");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
