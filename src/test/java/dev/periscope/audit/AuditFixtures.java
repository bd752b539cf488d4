package dev.periscope.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Entries, stores and settings shared by the audit tests. */
final class AuditFixtures {

    private AuditFixtures() {
    }

    static AuditEntry search(String user, String query) {
        return new AuditEntry(
                new AuditEntry.Actor(user, List.of("DEVELOPER"), "session-" + user, "10.0.0.7", "Mozilla/5.0 (test)"),
                "logs.search",
                new AuditEntry.Target("lucene", List.of("checkout", "payments"),
                        Optional.of(Instant.parse("2026-11-22T10:00:00Z")),
                        Optional.of(Instant.parse("2026-11-22T11:00:00Z"))),
                query,
                AuditEntry.Decision.ALLOWED,
                "incident INC-42",
                Optional.empty());
    }

    static AuditOutcome outcome(long count) {
        return new AuditOutcome(count, count * 120, 7, Map.of("email", 3L, "card", 1L), 0);
    }

    static ChainedAuditTrail.Settings settings(Path directory, long segmentMaxBytes) {
        return new ChainedAuditTrail.Settings(directory, segmentMaxBytes, Duration.ofDays(1), Duration.ofSeconds(10));
    }

    /** A store with a fresh key and checkpoints only when asked for (the schedule is an hour). */
    static AuditStore store(Path directory, long segmentMaxBytes, CheckpointKey key) {
        return AuditStore.open(settings(directory, segmentMaxBytes), Optional.of(key), Duration.ofHours(1), null,
                Clock.systemUTC());
    }
}
