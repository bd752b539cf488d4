package dev.periscope.access;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which services (or label values) a role may see: glob patterns to include, then to exclude.
 * {@code include: ["*"], exclude: ["payments"]} is every service but payments. An empty include matches nothing.
 */
public record ServiceFilter(List<String> include, List<String> exclude) {

    public static final ServiceFilter NONE = new ServiceFilter(List.of(), List.of());

    public ServiceFilter {
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        for (String glob : include) {
            Globs.validate(glob);
        }
        for (String glob : exclude) {
            Globs.validate(glob);
        }
    }

    public static ServiceFilter only(String... services) {
        return new ServiceFilter(List.of(services), List.of());
    }

    /**
     * One filter for a union of filters (several roles, grants). An exclusion is dropped only when another filter
     * without exclusions covers it entirely (includes {@code *} or the same pattern); otherwise it stays. The result
     * is therefore never wider than the true union: at worst a granted service behind a wildcard exclusion stays
     * hidden.
     */
    public static ServiceFilter union(List<ServiceFilter> filters) {
        var include = new java.util.LinkedHashSet<String>();
        var exclude = new java.util.LinkedHashSet<String>();
        for (ServiceFilter filter : filters) {
            include.addAll(filter.include());
        }
        for (ServiceFilter filter : filters) {
            for (String excluded : filter.exclude()) {
                boolean coveredElsewhere = filters.stream().anyMatch(other -> other != filter
                        && other.exclude().isEmpty()
                        && (other.include().contains("*") || other.include().contains(excluded)));
                if (!coveredElsewhere) {
                    exclude.add(excluded);
                }
            }
        }
        return new ServiceFilter(List.copyOf(include), List.copyOf(exclude));
    }

    public boolean allows(String service) {
        return include.stream().anyMatch(g -> Globs.matches(g, service))
                && exclude.stream().noneMatch(g -> Globs.matches(g, service));
    }

    public boolean isEmpty() {
        return include.isEmpty();
    }

    /** Glob matching for service names: {@code *} any run of characters, {@code ?} one character. */
    static final class Globs {
        private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._*?:/-]{1,200}");

        private Globs() {
        }

        static void validate(String glob) {
            if (!VALID.matcher(glob).matches()) {
                throw new IllegalArgumentException("not a valid service pattern: '" + glob
                        + "' (letters, digits, . _ - : / and the wildcards * ?)");
            }
        }

        static boolean matches(String glob, String value) {
            return matches(glob, 0, value, 0);
        }

        // Iterative wildcard match with one backtrack point: linear in practice, no regex needed.
        private static boolean matches(String g, int gi, String v, int vi) {
            int star = -1;
            int mark = 0;
            while (vi < v.length()) {
                if (gi < g.length() && (g.charAt(gi) == '?' || g.charAt(gi) == v.charAt(vi))) {
                    gi++;
                    vi++;
                } else if (gi < g.length() && g.charAt(gi) == '*') {
                    star = gi++;
                    mark = vi;
                } else if (star >= 0) {
                    gi = star + 1;
                    vi = ++mark;
                } else {
                    return false;
                }
            }
            while (gi < g.length() && g.charAt(gi) == '*') {
                gi++;
            }
            return gi == g.length();
        }
    }
}
