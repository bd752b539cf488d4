package dev.periscope.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two stores on one directory stand for two portal replicas on a shared volume. */
class AccessRequestStoreTest {

    @TempDir
    Path shared;

    @Test
    void a_request_filed_on_one_replica_is_seen_and_approved_on_another() {
        AccessRequestStore first = new AccessRequestStore(shared);
        AccessRequestStore second = new AccessRequestStore(shared);

        first.save(request("ar-1"));
        assertThat(second.find("ar-1")).isPresent();

        second.update("ar-1", r -> r.with(AccessRequest.Status.DENIED,
                new AccessRequest.Decision("approver", "Approver", "deny", "no", Instant.now())));
        assertThat(first.find("ar-1")).get().extracting(AccessRequest::status).isEqualTo(AccessRequest.Status.DENIED);
    }

    @Test
    void changes_made_on_two_replicas_at_once_are_all_kept() throws Exception {
        AccessRequestStore first = new AccessRequestStore(shared);
        AccessRequestStore second = new AccessRequestStore(shared);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<?> a = pool.submit(() -> { for (int i = 0; i < 40; i++) first.save(request("a-" + i)); });
            Future<?> b = pool.submit(() -> { for (int i = 0; i < 40; i++) second.save(request("b-" + i)); });
            a.get();
            b.get();
        }

        assertThat(new AccessRequestStore(shared).all()).hasSize(80);
        assertThat(first.all()).hasSize(80);
        assertThat(second.all()).hasSize(80);
    }

    private static AccessRequest request(String id) {
        return new AccessRequest(id, "developer", "Dev", GrantKind.SERVICE, List.of("payments"), Set.of(), Set.of(),
                "incident INC-1: payments failing", "INC-1", Duration.ofHours(1), 1, false, Instant.now(),
                AccessRequest.Status.PENDING, List.of(), Optional.empty(), Optional.empty(),
                AccessRequest.Notification.NONE);
    }
}
