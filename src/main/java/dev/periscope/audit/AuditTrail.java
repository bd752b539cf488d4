package dev.periscope.audit;

/**
 * The tamper-evident record of every read, refusal and access change.
 *
 * <p>Reads are recorded in two steps. {@link #begin} makes the record durable <em>before</em> any result is returned;
 * if it cannot, it throws {@link AuditUnavailableException} and the caller refuses the read (fail closed).
 * {@link #complete} then adds what was shown: counts, bytes, duration and which masking rules fired.
 */
public interface AuditTrail {

    /** Durably records the start of a read. Throws {@link AuditUnavailableException} when that is impossible. */
    AuditReceipt begin(AuditEntry entry);

    /**
     * Queues the start of a read and returns without waiting for the disk, so that the read runs while its record is
     * written: the fsync no longer adds to the read's latency. The caller must not show anything the read found
     * before {@link PendingReceipt#durable()} has returned, and drops it if that throws. Throws
     * {@link AuditUnavailableException} at once when the trail refuses the record outright (closed, overloaded, or an
     * entry that cannot be written). A trail that cannot write in the background records it here and now.
     */
    default PendingReceipt beginConcurrently(AuditEntry entry) {
        AuditReceipt receipt = begin(entry);
        return () -> receipt;
    }

    /** Records what the read returned. Never throws: a lost completion is itself reported by the store. */
    void complete(AuditReceipt receipt, AuditOutcome outcome);

    /** Durably records a one-shot event (refusal, login, grant change). Throws {@link AuditUnavailableException}. */
    void record(AuditEntry entry);
}
