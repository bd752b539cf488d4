package dev.periscope.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * 50 simulated users reading at once: every read that ran has its begin and its completion on the chain. Runs for 3 s;
 * {@code -Dperiscope.audit.load.seconds=60} runs the full minute.
 */
class AuditLoadTest {

    private static final int USERS = 50;
    private static final Duration RUN_FOR = Duration.ofSeconds(Long.getLong("periscope.audit.load.seconds", 3));

    @TempDir
    Path dir;

    @Test
    void audited_reads_equal_executed_reads_under_50_concurrent_users() throws Exception {
        CheckpointKey key = CheckpointKey.generate();
        Set<String> executed = ConcurrentHashMap.newKeySet();
        AtomicLong refused = new AtomicLong();
        try (AuditStore store = AuditFixtures.store(dir, 256 * 1024, key)) {
            AuditTrail trail = store.trail();
            long deadline = System.nanoTime() + RUN_FOR.toNanos();
            CountDownLatch done = new CountDownLatch(USERS);
            for (int u = 0; u < USERS; u++) {
                String user = "user" + u;
                Thread.ofPlatform().start(() -> {
                    try {
                        for (int n = 0; System.nanoTime() < deadline; n++) {
                            AuditReceipt receipt;
                            try {
                                receipt = trail.begin(AuditFixtures.search(user, "service:checkout n:" + n));
                            } catch (AuditUnavailableException e) {
                                refused.incrementAndGet();
                                continue;
                            }
                            // The read runs only now that its record is durable.
                            executed.add(receipt.recordId());
                            trail.complete(receipt, AuditFixtures.outcome(n % 100));
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
        }

        List<JsonNode> records = ChainReader.records(dir);
        Set<String> begun = ChainReader.ofType(records, "begin").stream()
                .map(r -> r.path("id").asString()).collect(Collectors.toSet());
        Set<String> completed = ChainReader.ofType(records, "complete").stream()
                .map(r -> r.path("ref").asString()).collect(Collectors.toSet());
        System.out.printf("load: %d users, %s: %d reads executed and audited, %d refused, %d segments%n", USERS,
                RUN_FOR, executed.size(), refused.get(), ChainFormat.segments(dir).size());

        assertThat(refused.get()).isZero();
        assertThat(executed).hasSizeGreaterThan(USERS);
        assertThat(begun).isEqualTo(executed);
        assertThat(completed).isEqualTo(executed);
        AuditVerification verification = new AuditVerifier(dir, Optional.of(key.publicKey())).verify();
        assertThat(verification.tamper()).isEmpty();
        assertThat(verification.records()).isEqualTo(records.size());
    }
}
