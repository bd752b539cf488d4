package dev.periscope.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the auditor's integrity panel shows: the last verification of the chain and its result, checkpoint status, and
 * "verify now". The chain is also verified on a schedule ({@code periscope.audit.verify-interval}).
 */
public final class AuditIntegrity implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditIntegrity.class);

    private final AuditVerifier verifier;
    private final AuditStore store;
    private final @Nullable ScheduledExecutorService schedule;
    private volatile @Nullable AuditVerification last;

    AuditIntegrity(AuditVerifier verifier, AuditStore store, Duration interval) {
        this.verifier = verifier;
        this.store = store;
        if (interval.isZero() || interval.isNegative()) {
            this.schedule = null;
            return;
        }
        this.schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-verify");
            t.setDaemon(true);
            return t;
        });
        long minutes = Math.max(1, interval.toMinutes());
        schedule.scheduleWithFixedDelay(this::verifyQuietly, 1, minutes, TimeUnit.MINUTES);
    }

    /** Verifies the whole chain and every checkpoint now; the result is also kept as the last verification. */
    public synchronized AuditVerification verifyNow() {
        AuditVerification result = verifier.verify();
        last = result;
        if (result.intact()) {
            log.info("Audit chain verified intact: {} records in {} segments, {} checkpoints", result.records(),
                    result.segments(), result.checkpoints());
        } else {
            log.error("AUDIT CHAIN TAMPERED: {}", result.tamper().orElseThrow());
        }
        return result;
    }

    /** The result of the last verification, if one ran since the portal started. */
    public Optional<AuditVerification> lastVerification() {
        return Optional.ofNullable(last);
    }

    /** When the last checkpoint was signed by this process, if any. */
    public Optional<Instant> lastCheckpoint() {
        return store.checkpointer().flatMap(Checkpointer::lastCheckpoint);
    }

    /** False when no signing key is configured: then the newest records could be cut unnoticed. */
    public boolean checkpointsEnabled() {
        return store.checkpointer().isPresent();
    }

    private void verifyQuietly() {
        try {
            verifyNow();
        } catch (RuntimeException e) {
            log.error("Scheduled audit verification failed", e);
        }
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }
}
