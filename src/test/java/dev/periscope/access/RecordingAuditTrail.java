package dev.periscope.access;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditOutcome;
import dev.periscope.audit.AuditReceipt;
import dev.periscope.audit.AuditTrail;
import dev.periscope.audit.AuditUnavailableException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps audit entries in memory; can be told to fail, to prove that actions fail closed. */
final class RecordingAuditTrail implements AuditTrail {

    final List<AuditEntry> entries = new CopyOnWriteArrayList<>();
    boolean broken;

    @Override
    public AuditReceipt begin(AuditEntry entry) {
        record(entry);
        return new AuditReceipt(String.valueOf(entries.size()));
    }

    @Override
    public void complete(AuditReceipt receipt, AuditOutcome outcome) {
    }

    @Override
    public void record(AuditEntry entry) {
        if (broken) {
            throw new AuditUnavailableException("disk full", null);
        }
        entries.add(entry);
    }

    List<String> actions() {
        return entries.stream().map(AuditEntry::action).toList();
    }
}
