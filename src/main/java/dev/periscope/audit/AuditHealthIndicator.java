package dev.periscope.audit;

import java.nio.file.Files;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN when the audit trail cannot write: every read is refused then, so operators must see it first. The last
 * verification result is shown as a detail; tampering does not stop the trail from recording, so it does not make
 * the portal DOWN.
 */
class AuditHealthIndicator implements HealthIndicator {

    private final AuditStore store;
    private final AuditIntegrity integrity;

    AuditHealthIndicator(AuditStore store, AuditIntegrity integrity) {
        this.store = store;
        this.integrity = integrity;
    }

    @Override
    public Health health() {
        ChainedAuditTrail trail = store.trail();
        ChainHead head = trail.head();
        Health.Builder health = Health.up();
        if (!trail.isOpen()) {
            health.down().withDetail("error", "the audit trail is closed");
        } else if (trail.failure().isPresent()) {
            health.down().withDetail("error", String.valueOf(trail.failure().get().getMessage()));
        } else if (!Files.isWritable(trail.directory())) {
            health.down().withDetail("error", "the audit directory is not writable");
        }
        health.withDetail("records", head.records()).withDetail("segment", head.segment());
        store.checkpointer().ifPresentOrElse(
                c -> health.withDetail("lastCheckpoint", c.lastCheckpoint().map(Object::toString).orElse("none yet")),
                () -> health.withDetail("checkpoints", "off: no signing key"));
        integrity.lastVerification().ifPresent(v -> health.withDetail("lastVerification",
                v.verifiedAt() + ": " + v.tamper().map(t -> "TAMPERED " + t).orElse("intact")));
        return health.build();
    }
}
