package dev.periscope.access;

import dev.periscope.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.security.CurrentUser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessGuardTest {

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

    AccessGuard guard(PolicyStore policies) {
        return new AccessGuard(policies, new AccessRequestStore(data), clock);
    }

    @Test
    void scopes_of_several_roles_combine_by_union() {
        AccessGuard guard = guard(PolicyStore.bundled(AccessConfiguration.DEMO_POLICY, clock));
        CurrentUser both = new CurrentUser("x", "x", List.of("DEVELOPER", "ONCALL"));

        AccessScope scope = guard.scopeFor(both);

        assertThat(scope.allowsService("payments")).isTrue();
        assertThat(scope.maxRange()).isEqualTo(Duration.ofDays(30));
        assertThat(scope.exemptCategories("checkout")).containsExactly("network");
    }

    @Test
    void masking_stays_strict_unless_an_exemption_names_the_category() {
        AccessScope developer = guard(PolicyStore.bundled(AccessConfiguration.DEMO_POLICY, clock))
                .scopeFor(new CurrentUser("d", "d", List.of("DEVELOPER")));

        assertThat(developer.exemptCategories("checkout")).isEmpty();
    }

    @Test
    void auditors_and_approvers_see_no_logs_or_metrics() {
        AccessGuard guard = guard(PolicyStore.bundled(AccessConfiguration.DEMO_POLICY, clock));

        for (String role : List.of("AUDITOR", "APPROVER", "ADMIN")) {
            AccessScope scope = guard.scopeFor(new CurrentUser("u", "u", List.of(role)));
            assertThat(scope.seesAnyLogs()).as(role).isFalse();
            assertThat(scope.seesMetrics()).as(role).isFalse();
        }
    }

    @Test
    void without_a_valid_policy_nobody_sees_anything() {
        AccessScope scope = guard(PolicyStore.denyAll(clock)).scopeFor(new CurrentUser("o", "o", List.of("ONCALL")));

        assertThat(scope.allowsService("checkout")).isFalse();
        assertThat(scope.seesMetrics()).isFalse();
        assertThat(scope.export()).isFalse();
    }
}
