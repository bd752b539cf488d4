package dev.periscope.metrics;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditOutcome;
import dev.periscope.audit.AuditReceipt;
import dev.periscope.audit.AuditTrail;
import dev.periscope.audit.AuditUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An audit trail in memory, which can be made to fail as a full disk would. */
final class RecordingAuditTrail implements AuditTrail {

    final List<AuditEntry> begun = new CopyOnWriteArrayList<>();
    final List<AuditEntry> recorded = new CopyOnWriteArrayList<>();
    final Map<String, AuditOutcome> completed = new ConcurrentHashMap<>();
    volatile boolean unavailable;

    @Override
    public AuditReceipt begin(AuditEntry entry) {
        if (unavailable) {
            throw new AuditUnavailableException("audit store is full", new java.io.IOException("disk full"));
        }
        begun.add(entry);
        return new AuditReceipt("r" + begun.size());
    }

    @Override
    public void complete(AuditReceipt receipt, AuditOutcome outcome) {
        completed.put(receipt.recordId(), outcome);
    }

    @Override
    public void record(AuditEntry entry) {
        if (unavailable) {
            throw new AuditUnavailableException("audit store is full", new java.io.IOException("disk full"));
        }
        recorded.add(entry);
    }
}
