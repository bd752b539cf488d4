package dev.periscope.audit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An audit trail for tests: keeps what it is told, and can be switched to fail like an unavailable store. */
public final class RecordingAuditTrail implements AuditTrail {

    public final List<AuditEntry> begun = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final List<AuditEntry> recorded = new java.util.concurrent.CopyOnWriteArrayList<>();
    public final Map<String, AuditOutcome> completed = new ConcurrentHashMap<>();
    public volatile boolean unavailable;
    /** Records queued by {@link #beginConcurrently} are accepted, then never made durable (a disk failing late). */
    public volatile boolean failsBeforeDurable;

    @Override
    public synchronized AuditReceipt begin(AuditEntry entry) {
        if (unavailable) {
            throw new AuditUnavailableException("audit store unavailable", new java.io.IOException("disk full"));
        }
        begun.add(entry);
        return new AuditReceipt("r" + begun.size());
    }

    @Override
    public PendingReceipt beginConcurrently(AuditEntry entry) {
        AuditReceipt receipt = begin(entry);
        if (failsBeforeDurable) {
            return () -> {
                throw new AuditUnavailableException("audit record not durable", new java.io.IOException("disk full"));
            };
        }
        return () -> receipt;
    }

    @Override
    public void complete(AuditReceipt receipt, AuditOutcome outcome) {
        completed.put(receipt.recordId(), outcome);
    }

    @Override
    public synchronized void record(AuditEntry entry) {
        if (unavailable) {
            throw new AuditUnavailableException("audit store unavailable", new java.io.IOException("disk full"));
        }
        recorded.add(entry);
    }

    public AuditOutcome outcomeOfLast() {
        return completed.get("r" + begun.size());
    }

    /** The actions of the one-shot records, in order. */
    public List<String> actions() {
        return recorded.stream().map(AuditEntry::action).toList();
    }
}
