package dev.periscope.logs;

import dev.periscope.logs.query.Globs;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one user may read of the logs, as the access guard decides it: which services, and how far back at once. The
 * log service turns it into a filter around the user's query; it never filters results afterwards.
 *
 * @param includeServices service names or globs ({@code pay*}) the user may read; empty means none
 * @param excludeServices service names or globs withheld even when included
 * @param maxRange the longest time range one query may cover
 */
public record LogScope(List<String> includeServices, List<String> excludeServices, Duration maxRange) {

    private static final Pattern SERVICE_PATTERN = Pattern.compile("[A-Za-z0-9_.\\-*?]{1,128}");

    public LogScope {
        includeServices = List.copyOf(includeServices);
        excludeServices = List.copyOf(excludeServices);
        for (String pattern : includeServices) {
            check(pattern);
        }
        for (String pattern : excludeServices) {
            check(pattern);
        }
        if (maxRange.isNegative() || maxRange.isZero()) {
            throw new IllegalArgumentException("maxRange must be positive");
        }
    }

    private static void check(String pattern) {
        if (!SERVICE_PATTERN.matcher(pattern).matches()) {
            throw new IllegalArgumentException("not a service pattern: " + pattern);
        }
    }

    /** Whether this scope admits a service by name: an include glob matches it and no exclude glob does. */
    public boolean allows(String service) {
        return includeServices.stream().anyMatch(g -> Globs.matches(g, service))
                && excludeServices.stream().noneMatch(g -> Globs.matches(g, service));
    }

    /** Every service, any range: for administrators and tools. */
    public static LogScope everything() {
        return new LogScope(List.of("*"), List.of(), Duration.ofDays(3650));
    }

    public static LogScope services(List<String> include, Duration maxRange) {
        return new LogScope(include, List.of(), maxRange);
    }
}
