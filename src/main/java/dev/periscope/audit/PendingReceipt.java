package dev.periscope.audit;

/**
 * The start of a read, queued for the audit trail but perhaps not durable yet. The read may run meanwhile; what it
 * found is shown only after {@link #durable()} has returned.
 */
@FunctionalInterface
public interface PendingReceipt {

    /**
     * Waits until the start record is durable and returns its receipt. Throws {@link AuditUnavailableException} when
     * it cannot be made durable: the caller then drops what the read found (fail closed).
     */
    AuditReceipt durable();
}
