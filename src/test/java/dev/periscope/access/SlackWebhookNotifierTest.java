package dev.periscope.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a local HTTP receiver that records what it gets; never a real Slack. */
class SlackWebhookNotifierTest {

    @TempDir
    Path data;

    HttpServer server;
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    URI receiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 200;
            if (status == 200) {
                received.add(body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    AccessRequest request() {
        return new AccessRequest("ar-1", "developer", "Dana Developer", GrantKind.SERVICE, List.of("payments"), Set.of(),
                Set.of(), "incident INC-42: checkout failures", "INC-42", Duration.ofHours(2), 2, false,
                Instant.parse("2026-11-22T10:00:00Z"), AccessRequest.Status.PENDING, List.of(), Optional.empty(),
                Optional.empty(), AccessRequest.Notification.NONE);
    }

    @Test
    void approvers_get_requester_scope_reason_duration_and_a_link_but_no_approve_button() throws Exception {
        AccessRequestStore store = new AccessRequestStore(data);
        store.save(request());
        SlackWebhookNotifier notifier = new SlackWebhookNotifier(receiver(),
                new NotifyProperties.Slack(null, 3, Duration.ofMillis(10), Duration.ofSeconds(2)),
                URI.create("https://periscope.example.com"), store, null);

        notifier.notify(request(), "Access request");

        awaitState(store, "delivered");
        assertThat(received).singleElement().satisfies(body -> assertThat(body)
                .contains("Dana Developer").contains("read payments").contains("2 h").contains("INC-42")
                .contains("https://periscope.example.com/access/requests/ar-1")
                .doesNotContain("\"actions\"").doesNotContain("button"));
    }

    @Test
    void failed_deliveries_are_retried_and_the_outcome_is_kept() throws Exception {
        failuresLeft.set(2);
        AccessRequestStore store = new AccessRequestStore(data);
        store.save(request());
        SlackWebhookNotifier notifier = new SlackWebhookNotifier(receiver(),
                new NotifyProperties.Slack(null, 5, Duration.ofMillis(10), Duration.ofSeconds(2)),
                URI.create("http://127.0.0.1:8080"), store, null);

        notifier.notify(request(), "Access request");

        AccessRequest.Notification n = awaitState(store, "delivered");
        assertThat(n.attempts()).isEqualTo(3);
        assertThat(received).hasSize(1);
    }

    @Test
    void a_delivery_that_never_succeeds_is_marked_failed_not_dropped() throws Exception {
        failuresLeft.set(100);
        AccessRequestStore store = new AccessRequestStore(data);
        store.save(request());
        SlackWebhookNotifier notifier = new SlackWebhookNotifier(receiver(),
                new NotifyProperties.Slack(null, 2, Duration.ofMillis(10), Duration.ofSeconds(2)),
                URI.create("http://127.0.0.1:8080"), store, null);

        notifier.notify(request(), "Access request");

        AccessRequest.Notification n = awaitState(store, "failed");
        assertThat(n.lastError()).hasValueSatisfying(e -> assertThat(e).contains("503"));
    }

    private static AccessRequest.Notification awaitState(AccessRequestStore store, String state) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            AccessRequest.Notification n = store.find("ar-1").orElseThrow().notification();
            if (n.state().equals(state)) {
                return n;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("notification never reached " + state + ": " + store.find("ar-1").orElseThrow().notification());
    }
}
