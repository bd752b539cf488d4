package dev.periscope.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.access.ServiceFilter;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogAccessResolverTest {

    static final Duration DAY = Duration.ofDays(1);

    @Test
    void a_single_role_keeps_its_include_and_exclude() {
        LogScope scope = LogAccessResolver.union(List.of(new ServiceFilter(List.of("*"), List.of("payments"))), DAY);

        assertThat(scope.includeServices()).containsExactly("*");
        assertThat(scope.excludeServices()).containsExactly("payments");
    }

    @Test
    void a_service_grant_lifts_the_matching_exclusion() {
        LogScope scope = LogAccessResolver.union(List.of(
                new ServiceFilter(List.of("*"), List.of("payments")), ServiceFilter.only("payments")), DAY);

        assertThat(scope.excludeServices()).isEmpty();
    }

    @Test
    void a_wildcard_exclusion_is_kept_when_a_grant_covers_only_part_of_it() {
        LogScope scope = LogAccessResolver.union(List.of(
                new ServiceFilter(List.of("*"), List.of("card-*")), ServiceFilter.only("card-vault")), DAY);

        assertThat(scope.excludeServices()).containsExactly("card-*");
    }

    @Test
    void the_union_is_never_wider_than_what_the_filters_allow_together() {
        long seed = System.nanoTime();
        System.out.println("LogAccessResolverTest seed: " + seed);
        Random random = new Random(seed);
        List<String> patterns = List.of("*", "pay*", "payments", "web", "web-*", "card-*", "card-vault", "api");
        List<String> services = List.of("payments", "pay-ui", "web", "web-admin", "card-vault", "card-x", "api", "other");
        for (int round = 0; round < 2000; round++) {
            List<ServiceFilter> filters = new java.util.ArrayList<>();
            for (int f = 0; f < 1 + random.nextInt(3); f++) {
                filters.add(new ServiceFilter(pick(random, patterns, 1 + random.nextInt(2)), pick(random, patterns, random.nextInt(2))));
            }
            LogScope scope = LogAccessResolver.union(filters, DAY);
            ServiceFilter merged = new ServiceFilter(scope.includeServices(), scope.excludeServices());
            for (String service : services) {
                boolean allowed = filters.stream().anyMatch(f -> f.allows(service));
                if (merged.allows(service)) {
                    assertThat(allowed).as("seed %d: %s admits %s", seed, filters, service).isTrue();
                }
            }
        }
    }

    private static List<String> pick(Random random, List<String> from, int n) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(from.get(random.nextInt(from.size())));
        }
        return out;
    }
}
