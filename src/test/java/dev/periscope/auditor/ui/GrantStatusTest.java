package dev.periscope.auditor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.access.AccessRequest;
import dev.periscope.access.AccessRequest.Status;
import dev.periscope.access.GrantKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrantStatusTest {

    @Test
    void a_grant_status_in_the_audit_list_reads_in_plain_words() {
        assertThat(AuditView.status(request(Status.GRANTED, false)).getText()).isEqualTo("Granted");
        assertThat(AuditView.status(request(Status.EXPIRED, false)).getText()).isEqualTo("Expired");
        assertThat(AuditView.status(request(Status.GRANTED, true)).getText())
                .isEqualTo("Granted · Break glass · Needs review");
        assertThat(AuditView.status(request(Status.GRANTED, true)).getElement().getThemeList())
                .contains("badge", "error");
    }

    private static AccessRequest request(Status status, boolean emergency) {
        return new AccessRequest("ar-1", "developer", "Dev", GrantKind.SERVICE, List.of("payments"), Set.of(),
                Set.of(), "incident INC-1: payments failing", "INC-1", Duration.ofHours(1), 1, emergency,
                Instant.now(), status, List.of(), Optional.empty(), Optional.empty(), AccessRequest.Notification.NONE);
    }
}
