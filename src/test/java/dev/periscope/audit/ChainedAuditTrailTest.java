package dev.periscope.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ChainedAuditTrailTest {

    @TempDir
    Path dir;

    private final CheckpointKey key = CheckpointKey.generate();

    /** A store whose segment files are opened through {@code channel}, to fail or stall the disk on demand. */
    private AuditStore storeWith(java.util.function.UnaryOperator<FileChannel> channel) {
        ChainedAuditTrail.Settings settings = new ChainedAuditTrail.Settings(dir, 1 << 20, Duration.ofDays(1),
                Duration.ofSeconds(10), (path, options) -> channel.apply(FileChannel.open(path, options)));
        return AuditStore.open(settings, Optional.of(key), Duration.ofHours(1), null, Clock.systemUTC());
    }

    private AuditVerification verify() {
        return new AuditVerifier(dir, Optional.of(key.publicKey())).verify();
    }

    @Test
    void a_begun_read_is_on_disk_when_begin_returns() throws Exception {
        try (AuditStore store = AuditFixtures.store(dir, 1 << 20, key)) {
            AuditReceipt receipt = store.trail().begin(AuditFixtures.search("alice", "level:ERROR"));
            String segment = Files.readString(dir.resolve(ChainFormat.segmentName(1)));
            assertThat(segment).contains(receipt.recordId()).contains("\"query\":\"level:ERROR\"");
        }
    }

    @Test
    void writes_the_fields_an_auditor_needs_and_never_the_raw_session() throws Exception {
        try (AuditStore store = AuditFixtures.store(dir, 1 << 20, key)) {
            AuditReceipt receipt = store.trail().begin(AuditFixtures.search("alice", "user:<email:tok_1>"));
            store.trail().complete(receipt, AuditFixtures.outcome(12));
        }
        List<String> lines = Files.readAllLines(dir.resolve(ChainFormat.segmentName(1)));
        assertThat(lines).hasSize(3);
        JsonMapper json = JsonMapper.builder().build();
        JsonNode begin = json.readTree(lines.get(1));
        JsonNode complete = json.readTree(lines.get(2));
        assertThat(json.readTree(lines.get(0)).path("type").asString()).isEqualTo("segment");
        assertThat(begin.path("type").asString()).isEqualTo("begin");
        assertThat(begin.path("actor").path("user").asString()).isEqualTo("alice");
        assertThat(begin.path("actor").path("session").asString()).hasSize(32).isNotEqualTo("session-alice");
        assertThat(begin.path("target").path("services").get(1).asString()).isEqualTo("payments");
        assertThat(begin.path("decision").asString()).isEqualTo("ALLOWED");
        assertThat(begin.path("grant").isNull()).isTrue();
        assertThat(complete.path("ref").asString()).isEqualTo(begin.path("id").asString());
        assertThat(complete.path("result").path("count").asLong()).isEqualTo(12);
        assertThat(complete.path("masking").path("email").asLong()).isEqualTo(3);
        assertThat(complete.path("prev").asString()).isEqualTo(begin.path("hash").asString());
        assertThat(lines.get(2)).endsWith("\"hash\":\"" + complete.path("hash").asString() + "\"}");
        assertThat(String.join("\n", lines)).doesNotContain("session-alice");
    }

    @Test
    void rotates_segments_by_size_and_the_chain_runs_across_them() throws Exception {
        try (AuditStore store = AuditFixtures.store(dir, 2_000, key)) {
            for (int i = 0; i < 40; i++) {
                store.trail().complete(store.trail().begin(AuditFixtures.search("bob", "q" + i)),
                        AuditFixtures.outcome(i));
            }
        }
        assertThat(ChainFormat.segments(dir)).hasSizeGreaterThan(5);
        AuditVerification result = verify();
        assertThat(result.tamper()).isEmpty();
        assertThat(result.records()).isGreaterThan(80);
        assertThat(result.checkpoints()).isPositive();
    }

    @Test
    void rotates_a_segment_once_it_is_older_than_its_maximum_age() throws Exception {
        AtomicReference<Instant> now =
                new AtomicReference<>(Instant.parse("2026-03-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        try (AuditStore store = AuditStore.open(AuditFixtures.settings(dir, 1 << 20), Optional.of(key),
                Duration.ofHours(1), null, clock)) {
            store.trail().record(AuditFixtures.search("heidi", "monday"));
            now.set(now.get().plus(Duration.ofHours(23)));
            store.trail().record(AuditFixtures.search("heidi", "still monday's segment"));
            assertThat(ChainFormat.segments(dir)).hasSize(1);
            now.set(now.get().plus(Duration.ofHours(2)));
            store.trail().record(AuditFixtures.search("heidi", "tuesday"));
            assertThat(ChainFormat.segments(dir)).hasSize(2);
        }
        assertThat(verify().tamper()).isEmpty();
    }

    @Test
    void continues_the_chain_after_a_restart() throws Exception {
        try (AuditStore store = AuditFixtures.store(dir, 3_000, key)) {
            for (int i = 0; i < 10; i++) {
                store.trail().record(AuditFixtures.search("carol", "before " + i));
            }
        }
        try (AuditStore store = AuditFixtures.store(dir, 3_000, key)) {
            for (int i = 0; i < 10; i++) {
                store.trail().record(AuditFixtures.search("carol", "after " + i));
            }
        }
        AuditVerification result = verify();
        assertThat(result.tamper()).isEmpty();
        assertThat(result.checkpoints()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void cuts_an_interrupted_last_write_on_restart() throws Exception {
        try (AuditStore store = AuditFixtures.store(dir, 1 << 20, key)) {
            store.trail().record(AuditFixtures.search("dave", "one"));
        }
        Path segment = dir.resolve(ChainFormat.segmentName(1));
        Files.writeString(segment, "{\"v\":1,\"seq\":2,\"id\":\"half-writ", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        assertThat(verify().tamper()).isEmpty();
        assertThat(verify().warnings()).anyMatch(w -> w.contains("incomplete record"));

        try (AuditStore store = AuditFixtures.store(dir, 1 << 20, key)) {
            store.trail().record(AuditFixtures.search("dave", "two"));
        }
        AuditVerification result = verify();
        assertThat(result.tamper()).isEmpty();
        assertThat(result.records()).isEqualTo(3);
    }

    @Test
    void a_second_writer_on_the_same_directory_refuses_its_reads_instead_of_overwriting_the_first_one_s_records()
            throws Exception {
        try (AuditStore first = AuditFixtures.store(dir, 1 << 20, key)) {
            first.trail().begin(AuditFixtures.search("alice", "level:ERROR"));
            try (AuditStore second = AuditFixtures.store(dir, 1 << 20, key)) {
                assertThatThrownBy(() -> second.trail().begin(AuditFixtures.search("bob", "anything")))
                        .isInstanceOf(AuditUnavailableException.class);
                assertThat(second.trail().failure()).get().asString().contains("another process");
            }
            first.trail().begin(AuditFixtures.search("alice", "level:WARN"));
        }
        try (AuditStore later = AuditFixtures.store(dir, 1 << 20, key)) {
            later.trail().begin(AuditFixtures.search("carol", "after the first one stopped"));
        }
        assertThat(verify().tamper()).isEmpty();
        String chain = Files.readString(dir.resolve(ChainFormat.segmentName(1)));
        assertThat(chain).contains("level:ERROR", "level:WARN", "after the first one stopped").doesNotContain("bob");
    }

    @Test
    void refuses_the_read_when_the_record_cannot_be_written() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("occupied"), "a file where the directory should be");
        try (AuditStore store = AuditFixtures.store(notADirectory, 1 << 20, key)) {
            assertThatThrownBy(() -> store.trail().begin(AuditFixtures.search("erin", "anything")))
                    .isInstanceOf(AuditUnavailableException.class);
            assertThat(store.trail().failure()).isPresent();
        }
    }

    @Test
    void an_entry_that_cannot_be_recorded_refuses_only_its_own_read() throws Exception {
        AuditEntry broken = new AuditEntry(null, "logs.search", AuditEntry.Target.none(), "q",
                AuditEntry.Decision.ALLOWED, "", Optional.empty());
        try (AuditStore store = AuditFixtures.store(dir, 1 << 20, key)) {
            assertThatThrownBy(() -> store.trail().begin(broken)).isInstanceOf(AuditUnavailableException.class);
            store.trail().begin(AuditFixtures.search("grace", "fine"));
            assertThat(store.trail().failure()).isEmpty();
        }
        assertThat(verify().tamper()).isEmpty();
        assertThat(verify().records()).isEqualTo(2);
    }

    @Test
    void refuses_reads_while_the_disk_fails_and_resumes_an_unbroken_chain_afterwards() throws Exception {
        AtomicBoolean failing = new AtomicBoolean();
        try (AuditStore store = storeWith(channel -> new FailingChannel(channel, failing))) {
            AuditReceipt before = store.trail().begin(AuditFixtures.search("ivan", "before"));
            store.trail().complete(before, AuditFixtures.outcome(1));
            failing.set(true);
            assertThatThrownBy(() -> store.trail().begin(AuditFixtures.search("ivan", "during")))
                    .isInstanceOf(AuditUnavailableException.class);
            assertThat(store.trail().failure()).isPresent();
            failing.set(false);
            store.trail().begin(AuditFixtures.search("ivan", "after"));
            assertThat(store.trail().failure()).isEmpty();
        }
        AuditVerification result = verify();
        assertThat(result.tamper()).isEmpty();
        String chain = Files.readString(dir.resolve(ChainFormat.segmentName(1)));
        assertThat(chain).contains("\"before\"").contains("\"after\"").doesNotContain("\"during\"");
    }

    @Test
    void a_read_begun_concurrently_runs_during_the_fsync_and_gets_its_receipt_only_once_the_record_is_durable()
            throws Exception {
        var forcing = new java.util.concurrent.CountDownLatch(1);
        var disk = new java.util.concurrent.CountDownLatch(1);
        try (AuditStore store = storeWith(channel -> new FailingChannel(channel, new AtomicBoolean(), forcing,
                disk))) {
            PendingReceipt pending = store.trail().beginConcurrently(AuditFixtures.search("judy", "level:ERROR"));
            var receipt = java.util.concurrent.CompletableFuture.supplyAsync(pending::durable);

            assertThat(forcing.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the writer fsyncs").isTrue();
            assertThat(receipt).as("no receipt while the disk has not confirmed the record").isNotDone();
            disk.countDown();
            assertThat(receipt.get(10, java.util.concurrent.TimeUnit.SECONDS).recordId()).isNotBlank();
        }
        assertThat(Files.readString(dir.resolve(ChainFormat.segmentName(1)))).contains("\"query\":\"level:ERROR\"");
        assertThat(verify().tamper()).isEmpty();
    }

    @Test
    void a_read_begun_concurrently_gets_no_receipt_when_its_record_cannot_be_made_durable() throws Exception {
        try (AuditStore store = storeWith(channel -> new FailingChannel(channel, new AtomicBoolean(true)))) {
            PendingReceipt pending = store.trail().beginConcurrently(AuditFixtures.search("karl", "during"));

            assertThatThrownBy(pending::durable).isInstanceOf(AuditUnavailableException.class);
        }
        assertThat(Files.readString(dir.resolve(ChainFormat.segmentName(1)))).doesNotContain("\"during\"");
    }

    @Test
    void refuses_reads_after_it_is_closed() {
        AuditStore store = AuditFixtures.store(dir, 1 << 20, key);
        store.close();
        assertThatThrownBy(() -> store.trail().begin(AuditFixtures.search("frank", "late")))
                .isInstanceOf(AuditUnavailableException.class);
    }
}
