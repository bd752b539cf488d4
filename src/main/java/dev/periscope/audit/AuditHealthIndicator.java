package dev.periscope.audit;

import java.nio.file.Files;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * DOWN when the audit trail cannot write: every read is refused then, so operators must see it first.
 */
class AuditHealthIndicator implements HealthIndicator {

    private final AuditStore store;

    AuditHealthIndicator(AuditStore store) {
        this.store = store;
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
        return health.build();
    }
}
