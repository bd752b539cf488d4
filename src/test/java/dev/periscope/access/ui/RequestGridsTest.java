package dev.periscope.access.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.access.AccessRequest;
import dev.periscope.access.AccessRequest.Status;
import dev.periscope.access.GrantKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestGridsTest {

    @Test
    void a_list_of_requests_with_no_rows_says_there_is_nothing_in_it() {
        var grid = RequestGrids.grid("pending-requests", Clock.systemUTC(), true, "No pending requests");

        RequestGrids.show(grid, List.of());

        assertThat(grid.getEmptyStateText()).isEqualTo("No pending requests");
    }

    @Test
    void a_request_status_reads_in_plain_words() {
        Clock clock = Clock.systemUTC();

        assertThat(RequestGrids.status(request(Status.PENDING, false), clock).getText()).isEqualTo("Pending 0/1");
        assertThat(RequestGrids.status(request(Status.GRANTED, false), clock).getText()).isEqualTo("Ended");
        assertThat(RequestGrids.status(request(Status.DENIED, false), clock).getText()).isEqualTo("Denied");
        assertThat(RequestGrids.status(request(Status.EXPIRED, false), clock).getText()).isEqualTo("Expired");
        assertThat(RequestGrids.status(request(Status.REVOKED, false), clock).getText()).isEqualTo("Revoked");
        assertThat(RequestGrids.status(request(Status.WITHDRAWN, false), clock).getText()).isEqualTo("Withdrawn");
        assertThat(RequestGrids.status(request(Status.REVOKED, true), clock).getText())
                .isEqualTo("Revoked · Needs review");
    }

    static AccessRequest request(Status status, boolean emergency) {
        return new AccessRequest("ar-1", "developer", "Dev", GrantKind.SERVICE, List.of("payments"), Set.of(),
                Set.of(), "incident INC-1: payments failing", "INC-1", Duration.ofHours(1), 1, emergency,
                Instant.now(), status, List.of(), Optional.empty(), Optional.empty(), AccessRequest.Notification.NONE);
    }
}
