package dev.periscope.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final CheckpointKey key = CheckpointKey.generate();

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private AuditStore store(Clock clock, Duration retention) {
        return AuditStore.open(AuditFixtures.settings(dir, 2_000), Optional.of(key), Duration.ofHours(1), null,
                retention, clock);
    }

    private void write(Instant when, int count) {
        try (AuditStore store = store(at(when), Duration.ZERO)) {
            for (int i = 0; i < count; i++) {
                store.trail().record(AuditFixtures.search("alice", "q" + i));
            }
        }
    }

    private AuditVerification verify() {
        return new AuditVerifier(dir, Optional.of(key.publicKey())).verify();
    }

    @Test
    void deletes_only_expired_segments_and_the_rest_still_verifies() throws Exception {
        write(T0, 20);
        int old = ChainFormat.segments(dir).size();
        write(T0.plus(Duration.ofDays(8)), 20);
        List<String> deleted;
        try (AuditStore store = store(at(T0.plus(Duration.ofDays(10))), Duration.ofDays(5))) {
            deleted = store.applyRetention();
        }
        assertThat(deleted).hasSizeBetween(old - 1, old);
        assertThat(ChainFormat.segments(dir).getFirst().name()).isNotEqualTo(ChainFormat.segmentName(1));
        AuditVerification result = verify();
        assertThat(result.tamper()).isEmpty();
    }

    @Test
    void a_run_cut_short_after_its_anchor_is_finished_by_the_next_instead_of_reading_as_tampering() throws Exception {
        write(T0, 20);
        write(T0.plus(Duration.ofDays(8)), 20);
        Path first = dir.resolve(ChainFormat.segmentName(1));
        byte[] firstSegment = Files.readAllBytes(first);
        try (AuditStore store = store(at(T0.plus(Duration.ofDays(10))), Duration.ofDays(5))) {
            assertThat(store.applyRetention()).contains(ChainFormat.segmentName(1));
        }
        // As if the process had died after writing the anchor, before this segment was deleted.
        Files.write(first, firstSegment);
        assertThat(verify().tamper()).isPresent();

        try (AuditStore store = store(at(T0.plus(Duration.ofDays(11))), Duration.ofDays(5))) {
            store.applyRetention();
        }

        assertThat(Files.exists(first)).isFalse();
        assertThat(verify().tamper()).isEmpty();
    }

    @Test
    void segments_deleted_by_anyone_else_are_still_detected() throws Exception {
        write(T0, 20);
        write(T0.plus(Duration.ofDays(8)), 20);
        try (AuditStore store = store(at(T0.plus(Duration.ofDays(10))), Duration.ofDays(5))) {
            store.applyRetention();
        }
        Files.delete(ChainFormat.segments(dir).getFirst().path());
        assertThat(verify().tamper().orElseThrow().kind()).isEqualTo(AuditVerification.Kind.DELETED);
    }

    @Test
    void never_deletes_a_segment_of_a_chain_that_does_not_verify() throws Exception {
        write(T0, 20);
        Path first = dir.resolve(ChainFormat.segmentName(1));
        List<String> lines = new ArrayList<>(Files.readAllLines(first));
        lines.set(1, lines.get(1).replace("alice", "alicf"));
        Files.writeString(first, String.join("\n", lines) + "\n");
        int before = ChainFormat.segments(dir).size();
        try (AuditStore store = store(at(T0.plus(Duration.ofDays(10))), Duration.ofDays(5))) {
            assertThat(store.applyRetention()).isEmpty();
        }
        assertThat(ChainFormat.segments(dir)).hasSize(before);
    }

    @Test
    void keeps_everything_when_retention_is_zero() throws Exception {
        write(T0, 20);
        int before = ChainFormat.segments(dir).size();
        try (AuditStore store = store(Clock.system(ZoneId.of("UTC")), Duration.ZERO)) {
            assertThat(store.applyRetention()).isEmpty();
        }
        assertThat(ChainFormat.segments(dir)).hasSize(before);
    }
}
