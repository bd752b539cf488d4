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

    /** Records what the read returned. Never throws: a lost completion is itself reported by the store. */
    void complete(AuditReceipt receipt, AuditOutcome outcome);

    /** Durably records a one-shot event (refusal, login, grant change). Throws {@link AuditUnavailableException}. */
    void record(AuditEntry entry);
}
