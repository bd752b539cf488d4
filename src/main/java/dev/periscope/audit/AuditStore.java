package dev.periscope.audit;

import java.io.IOException;
import java.net.URI;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain and its checkpoints, started and stopped together. The Spring configuration, the bench and the tests all
 * build the store through here, so they run the same code.
 */
final class AuditStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditStore.class);

    private final ChainedAuditTrail trail;
    private final @Nullable Checkpointer checkpointer;
    private final Optional<CheckpointKey> key;
    private @Nullable Retention retention;
    private @Nullable ScheduledExecutorService retentionSchedule;

    private AuditStore(ChainedAuditTrail trail, @Nullable Checkpointer checkpointer, Optional<CheckpointKey> key) {
        this.trail = trail;
        this.checkpointer = checkpointer;
        this.key = key;
    }

    /**
     * Opens the chain. Without a key, no checkpoints are written and truncation of the newest records goes unnoticed;
     * that is logged loudly.
     */
    static AuditStore open(ChainedAuditTrail.Settings settings, Optional<CheckpointKey> key,
            Duration checkpointInterval, @Nullable URI witness, Clock clock) {
        return open(settings, key, checkpointInterval, witness, Duration.ZERO, clock);
    }

    /**
     * Opens the chain; with a retention period, also deletes expired segments a minute after start and then daily.
     */
    static AuditStore open(ChainedAuditTrail.Settings settings, Optional<CheckpointKey> key,
            Duration checkpointInterval, @Nullable URI witness, Duration retention, Clock clock) {
        ChainedAuditTrail trail = new ChainedAuditTrail(settings, clock);
        Checkpointer checkpointer = null;
        if (key.isPresent()) {
            try {
                checkpointer = new Checkpointer(settings.directory(), key.get(), trail::head, clock, witness);
                checkpointer.start(checkpointInterval);
                trail.onRotate(checkpointer::request);
            } catch (IOException | RuntimeException e) {
                log.error("Audit checkpoints are off: cannot write them in {}", settings.directory(), e);
            }
        } else {
            log.warn("No audit signing key: no checkpoints are written, so deleting the newest audit records would"
                    + " go unnoticed. Set periscope.audit.signing-key-file.");
        }
        AuditStore store = new AuditStore(trail, checkpointer, key);
        if (!retention.isZero() && !retention.isNegative()) {
            if (checkpointer == null || key.isEmpty()) {
                log.warn("Audit retention is off: without a signing key no segment can be safely deleted");
            } else {
                store.retention = new Retention(settings.directory(), key.get(), retention, clock);
                store.retentionSchedule = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "audit-retention");
                    t.setDaemon(true);
                    return t;
                });
                store.retentionSchedule.scheduleWithFixedDelay(store::applyRetentionQuietly, 1, 24 * 60,
                        TimeUnit.MINUTES);
            }
        }
        return store;
    }

    ChainedAuditTrail trail() {
        return trail;
    }

    /** The key checkpoints are verified with, when there is one. */
    Optional<PublicKey> publicKey() {
        return key.map(CheckpointKey::publicKey);
    }

    Optional<Checkpointer> checkpointer() {
        return Optional.ofNullable(checkpointer);
    }

    /** Writes a checkpoint now, if there is anything new to vouch for. */
    boolean checkpoint() throws IOException {
        return checkpointer != null && checkpointer.checkpoint();
    }

    /** Deletes expired segments now; see {@link Retention}. */
    List<String> applyRetention() throws IOException {
        Retention r = retention;
        Checkpointer c = checkpointer;
        return r == null || c == null ? List.of() : r.apply(c);
    }

    private void applyRetentionQuietly() {
        try {
            applyRetention();
        } catch (IOException | RuntimeException e) {
            log.error("Audit retention failed", e);
        }
    }

    @Override
    public void close() {
        if (retentionSchedule != null) {
            retentionSchedule.shutdownNow();
        }
        trail.close();
        if (checkpointer != null) {
            checkpointer.close();
        }
    }
}
