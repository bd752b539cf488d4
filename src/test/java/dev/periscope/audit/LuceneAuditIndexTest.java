package dev.periscope.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneAuditIndexTest {

    @TempDir
    Path dir;

    private final CheckpointKey key = CheckpointKey.generate();
    private Instant started;

    private static AuditEntry entry(String user, String action, String service, AuditEntry.Decision decision,
            String query, Optional<String> grant) {
        return new AuditEntry(new AuditEntry.Actor(user, List.of("DEVELOPER"), "s-" + user, "10.1.2.3", "curl/8"),
                action, new AuditEntry.Target("lucene", List.of(service), Optional.empty(), Optional.empty()), query,
                decision, "on call", grant);
    }

    @BeforeEach
    void writeChain() {
        started = Instant.now();
        try (AuditStore store = AuditFixtures.store(dir.resolve("audit"), 4_000, key)) {
            AuditTrail trail = store.trail();
            AuditReceipt read = trail.begin(entry("alice", "logs.search", "checkout", AuditEntry.Decision.ALLOWED,
                    "level:ERROR AND user:<email:tok_9f2>", Optional.empty()));
            trail.complete(read, new AuditOutcome(17, 4_096, 31, Map.of("email", 5L), 0));
            trail.record(entry("bob", "logs.search", "payments", AuditEntry.Decision.PROBE_REFUSED,
                    "card:<card:tok_77a>", Optional.empty()));
            trail.record(entry("bob", "access.denied", "payments", AuditEntry.Decision.DENIED, "", Optional.empty()));
            for (int i = 0; i < 30; i++) {
                AuditReceipt receipt = trail.begin(entry("carol", "metrics.query", "checkout",
                        AuditEntry.Decision.ALLOWED, "rate(http_requests_total[5m]) n" + i, Optional.of("grant-7")));
                trail.complete(receipt, AuditFixtures.outcome(i));
            }
        }
    }

    private LuceneAuditIndex index() throws Exception {
        return new LuceneAuditIndex(dir.resolve("audit"), dir.resolve("index"));
    }

    @Test
    void finds_records_by_user_action_service_decision_and_time() throws Exception {
        try (LuceneAuditIndex index = index()) {
            assertThat(index.search(AuditQuery.all(100)).totalHits()).isEqualTo(33);
            assertThat(index.search(AuditQuery.all(10).withUser("bob")).totalHits()).isEqualTo(2);
            assertThat(index.search(AuditQuery.all(10).withAction("access.denied")).events())
                    .singleElement().extracting(AuditEvent::userId).isEqualTo("bob");
            assertThat(index.search(AuditQuery.all(10).withService("payments")
                    .withDecision(AuditEntry.Decision.PROBE_REFUSED)).totalHits()).isEqualTo(1);
            assertThat(index.search(AuditQuery.all(10).between(started.minusSeconds(60), Instant.now()
                    .plusSeconds(1))).totalHits()).isEqualTo(33);
            assertThat(index.search(AuditQuery.all(10).between(started.minus(Duration.ofDays(2)),
                    started.minus(Duration.ofDays(1)))).totalHits()).isZero();
        }
    }

    @Test
    void searches_the_words_of_the_masked_query() throws Exception {
        try (LuceneAuditIndex index = index()) {
            AuditSearch.Page page = index.search(AuditQuery.all(10).withText("ERROR tok_9f2"));
            assertThat(page.events()).singleElement().satisfies(e -> {
                assertThat(e.userId()).isEqualTo("alice");
                assertThat(e.outcome()).hasValueSatisfying(o -> {
                    assertThat(o.count()).isEqualTo(17);
                    assertThat(o.rulesFired()).containsEntry("email", 5L);
                });
            });
            assertThat(index.search(AuditQuery.all(10).withText("AND (unbalanced")).totalHits()).isZero();
        }
    }

    @Test
    void returns_newest_first_in_pages() throws Exception {
        try (LuceneAuditIndex index = index()) {
            AuditSearch.Page first = index.search(AuditQuery.all(5).withUser("carol"));
            AuditSearch.Page second = index.search(AuditQuery.all(5).withUser("carol").page(5, 5));
            assertThat(first.totalHits()).isEqualTo(30);
            assertThat(first.events()).hasSize(5);
            assertThat(first.events().getFirst().maskedQuery()).endsWith("n29");
            assertThat(first.events().getLast().seq()).isGreaterThan(second.events().getFirst().seq());
            assertThat(first.events().getFirst().grantId()).hasValue("grant-7");
            assertThat(index.search(AuditQuery.all(1).withGrant("grant-7")).totalHits()).isEqualTo(30);
            assertThat(index.find(first.events().getFirst().id())).contains(first.events().getFirst());
            assertThat(index.find("no-such-id")).isEmpty();
        }
    }

    @Test
    void picks_up_new_records_and_resumes_after_a_restart_without_duplicates() throws Exception {
        try (LuceneAuditIndex index = index()) {
            assertThat(index.search(AuditQuery.all(1)).totalHits()).isEqualTo(33);
        }
        AuditReceipt late;
        try (AuditStore store = AuditFixtures.store(dir.resolve("audit"), 4_000, key);
                LuceneAuditIndex index = index()) {
            late = store.trail().begin(entry("dave", "logs.export", "checkout", AuditEntry.Decision.ALLOWED,
                    "export all", Optional.empty()));
            assertThat(index.search(AuditQuery.all(1).withUser("dave")).events().getFirst().outcome()).isEmpty();
            store.trail().complete(late, AuditFixtures.outcome(3));
            store.trail().record(entry("erin", "auth.login", "", AuditEntry.Decision.ALLOWED, "", Optional.empty()));
            assertThat(index.search(AuditQuery.all(1).withUser("erin")).totalHits()).isEqualTo(1);
            assertThat(index.search(AuditQuery.all(1).withUser("dave")).events().getFirst().outcome()).isPresent();
            assertThat(index.search(AuditQuery.all(1)).totalHits()).isEqualTo(35);
        }
    }

    @Test
    void rebuilds_from_the_chain() throws Exception {
        try (LuceneAuditIndex index = index()) {
            assertThat(index.rebuild()).isGreaterThanOrEqualTo(33 + 31);
            assertThat(index.search(AuditQuery.all(1)).totalHits()).isEqualTo(33);
        }
    }
}
