package dev.periscope.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.periscope.access.AccessGuard;
import dev.periscope.access.AccessScope;
import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.audit.RecordingAuditTrail;
import dev.periscope.security.CurrentUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardServiceTest {

    static final CurrentUser ALICE = new CurrentUser("alice", "Alice", List.of("DEVELOPER"));

    @TempDir
    Path dir;
    final AccessGuard guard = mock(AccessGuard.class);
    final RecordingAuditTrail audit = new RecordingAuditTrail();
    DashboardService service;

    @BeforeEach
    void dashboards() throws IOException {
        Files.writeString(dir.resolve("checkout.yaml"), DashboardParserTest.VALID);
        Files.writeString(dir.resolve("payments.yaml"), DashboardParserTest.VALID);
        service = new DashboardService(new DashboardStore(dir), guard, audit);
    }

    void dashboardsAllowed(String... globs) {
        when(guard.scopeFor(ALICE)).thenReturn(new AccessScope("alice", List.of(), List.of(Map.of()), List.of(globs),
                Duration.ofDays(1), false, Set.of(), Map.of(), Set.of(), List.of()));
    }

    @Test
    void lists_only_the_dashboards_the_policy_gives_the_users_roles() {
        dashboardsAllowed("check*");
        assertThat(service.list(ALICE).dashboards()).extracting(Dashboard::id).containsExactly("checkout");
        dashboardsAllowed();
        assertThat(service.list(ALICE).dashboards()).isEmpty();
    }

    @Test
    void tells_none_for_the_users_roles_apart_from_none_at_all() {
        dashboardsAllowed("orders*");
        assertThat(service.list(ALICE).dashboards()).isEmpty();
        assertThat(service.list(ALICE).anySetUp()).isTrue();

        DashboardService nothingSetUp = new DashboardService(new DashboardStore(dir.resolve("missing")), guard, audit);
        assertThat(nothingSetUp.list(ALICE).anySetUp()).isFalse();
    }

    @Test
    void audits_every_dashboard_view_and_every_refusal() {
        dashboardsAllowed("checkout");
        assertThat(service.open(ALICE, "checkout")).isPresent();
        assertThat(service.open(ALICE, "payments")).isEmpty();
        assertThat(service.open(ALICE, "nope")).isEmpty();
        assertThat(audit.recorded).extracting(AuditEntry::decision).containsExactly(AuditEntry.Decision.ALLOWED,
                AuditEntry.Decision.DENIED, AuditEntry.Decision.DENIED);
        assertThat(audit.recorded).allMatch(e -> e.action().equals("metrics.dashboard.view"));
    }

    @Test
    void shows_no_dashboard_when_the_audit_cannot_record_the_view() {
        dashboardsAllowed("*");
        audit.unavailable = true;
        assertThatThrownBy(() -> service.open(ALICE, "checkout")).isInstanceOf(AuditUnavailableException.class);
    }
}
