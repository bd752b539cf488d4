package dev.periscope.auditor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.periscope.access.AccessDeniedException;
import dev.periscope.access.AccessRequestService;
import dev.periscope.audit.AuditIntegrity;
import dev.periscope.audit.AuditQuery;
import dev.periscope.audit.AuditSearch;
import dev.periscope.audit.RecordingAuditTrail;
import dev.periscope.base.ExportFormat;
import dev.periscope.security.CurrentUser;
import dev.periscope.security.Roles;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditorWorkspaceTest {

    private final AuditSearch search = mock(AuditSearch.class);
    private final AuditIntegrity integrity = mock(AuditIntegrity.class);
    private final AccessRequestService requests = mock(AccessRequestService.class);
    private final RecordingAuditTrail trail = new RecordingAuditTrail();
    private final AuditorWorkspace workspace = new AuditorWorkspace(search, integrity, requests, trail,
            Clock.systemUTC());

    private static final CurrentUser DEVELOPER = new CurrentUser("dev", "Dev", List.of(Roles.DEVELOPER));
    private static final CurrentUser ADMIN = new CurrentUser("admin", "Admin", List.of(Roles.ADMIN));
    private static final CurrentUser AUDITOR = new CurrentUser("aud", "Aud", List.of(Roles.AUDITOR));

    @Test
    void refuses_everyone_but_auditors_whatever_the_view_allowed() {
        for (CurrentUser user : List.of(DEVELOPER, ADMIN)) {
            assertThatThrownBy(() -> workspace.search(user, AuditQuery.all(10)))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> workspace.find(user, "x")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> workspace.verifyNow(user)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> workspace.grantHistory(user)).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> workspace.export(user, AuditQuery.all(1), ExportFormat.CSV,
                    new ByteArrayOutputStream())).isInstanceOf(AccessDeniedException.class);
        }
        verifyNoInteractions(search, integrity, requests);
        assertThat(trail.recorded).hasSize(10)
                .allSatisfy(e -> assertThat(e.decision()).isEqualTo(dev.periscope.audit.AuditEntry.Decision.DENIED));
        assertThat(trail.begun).isEmpty();
    }

    @Test
    void an_auditors_new_search_and_each_opened_record_are_audited_but_further_pages_are_not() {
        when(search.search(org.mockito.ArgumentMatchers.any())).thenReturn(new AuditSearch.Page(List.of(), 42));
        when(search.find("rec-1")).thenReturn(java.util.Optional.empty());

        workspace.search(AUDITOR, AuditQuery.all(50));
        workspace.search(AUDITOR, AuditQuery.all(50).page(50, 50));
        workspace.find(AUDITOR, "rec-1");

        assertThat(trail.begun).extracting(dev.periscope.audit.AuditEntry::action).containsExactly("audit.search", "audit.view");
        assertThat(trail.begun.getLast().maskedQuery()).isEqualTo("id=rec-1");
        assertThat(trail.completed).hasSize(2);
    }

    @Test
    void nothing_is_shown_to_an_auditor_when_their_search_cannot_be_recorded() {
        trail.unavailable = true;

        assertThatThrownBy(() -> workspace.search(AUDITOR, AuditQuery.all(50)))
                .isInstanceOf(dev.periscope.audit.AuditUnavailableException.class);
        verifyNoInteractions(search);
    }

    @Test
    void an_auditors_export_is_recorded_under_their_name() throws Exception {
        when(search.search(org.mockito.ArgumentMatchers.any())).thenReturn(new AuditSearch.Page(List.of(), 0));

        long rows = workspace.export(AUDITOR, AuditQuery.all(1), ExportFormat.NDJSON, new ByteArrayOutputStream());

        assertThat(rows).isZero();
        assertThat(trail.actions()).containsExactly("audit.export");
        assertThat(trail.recorded.getFirst().actor().userId()).isEqualTo("aud");
        assertThat(trail.recorded.getFirst().actor().roles()).containsExactly(Roles.AUDITOR);
    }
}
