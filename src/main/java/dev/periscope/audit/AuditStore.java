package dev.periscope.audit;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
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
        return new AuditStore(trail, checkpointer, key);
    }

    ChainedAuditTrail trail() {
        return trail;
    }

    /** The key checkpoints are verified with, when there is one. */
    Optional<java.security.PublicKey> publicKey() {
        return key.map(CheckpointKey::publicKey);
    }

    Optional<Checkpointer> checkpointer() {
        return Optional.ofNullable(checkpointer);
    }

    /** Writes a checkpoint now, if there is anything new to vouch for. */
    boolean checkpoint() throws IOException {
        return checkpointer != null && checkpointer.checkpoint();
    }

    @Override
    public void close() {
        trail.close();
        if (checkpointer != null) {
            checkpointer.close();
        }
    }
}
