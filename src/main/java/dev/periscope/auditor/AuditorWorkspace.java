package dev.periscope.auditor;

import dev.periscope.access.AccessDeniedException;
import dev.periscope.access.AccessRequest;
import dev.periscope.access.AccessRequestService;
import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditEvent;
import dev.periscope.audit.AuditIntegrity;
import dev.periscope.audit.AuditOutcome;
import dev.periscope.audit.AuditQuery;
import dev.periscope.audit.AuditReceipt;
import dev.periscope.audit.AuditSearch;
import dev.periscope.audit.AuditTrail;
import dev.periscope.audit.AuditVerification;
import dev.periscope.base.ExportFormat;
import dev.periscope.security.AuditActors;
import dev.periscope.security.CurrentUser;
import dev.periscope.security.Roles;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What the auditor's views may do, with the role checked here rather than trusted from the view: search the trail,
 * open one record, verify the chain, list grants, and export. Only {@link Roles#AUDITOR} may use it.
 */
@Service
public class AuditorWorkspace {

    /** The most rows one export writes; a larger set must be narrowed by its filter first. */
    public static final int MAX_EXPORT_ROWS = 100_000;

    private final AuditSearch search;
    private final AuditIntegrity integrity;
    private final AccessRequestService requests;
    private final AuditExport export;
    private final AuditTrail trail;

    AuditorWorkspace(AuditSearch search, AuditIntegrity integrity, AccessRequestService requests, AuditTrail trail,
            Clock clock) {
        this.search = search;
        this.integrity = integrity;
        this.requests = requests;
        this.export = new AuditExport(search, trail, clock, MAX_EXPORT_ROWS);
        this.trail = trail;
    }

    /**
     * Records matching the query, newest first. Auditors are audited too: a new search (offset 0) is recorded as
     * {@code audit.search} before its results are returned; the further pages of the same search are not recorded
     * again, so scrolling does not flood the trail.
     */
    public AuditSearch.Page search(CurrentUser user, AuditQuery query) {
        requireAuditor(user, "audit.search");
        if (query.offset() > 0) {
            return search.search(query);
        }
        long started = System.nanoTime();
        AuditReceipt receipt = trail.begin(read(user, "audit.search", AuditExport.filters(query).strip()));
        AuditSearch.Page page = search.search(query);
        trail.complete(receipt, new AuditOutcome(page.totalHits(), 0, (System.nanoTime() - started) / 1_000_000, Map.of(), 0));
        return page;
    }

    /** One record in full; opening it is recorded as {@code audit.view}. */
    public Optional<AuditEvent> find(CurrentUser user, String id) {
        requireAuditor(user, "audit.view");
        AuditReceipt receipt = trail.begin(read(user, "audit.view", "id=" + id));
        Optional<AuditEvent> found = search.find(id);
        trail.complete(receipt, new AuditOutcome(found.isPresent() ? 1 : 0, 0, 0, Map.of(), 0));
        return found;
    }

    /** Verifies the whole chain and every checkpoint now. */
    public AuditVerification verifyNow(CurrentUser user) {
        requireAuditor(user);
        return integrity.verifyNow();
    }

    public Optional<AuditVerification> lastVerification(CurrentUser user) {
        requireAuditor(user);
        return integrity.lastVerification();
    }

    public Optional<Instant> lastCheckpoint(CurrentUser user) {
        requireAuditor(user);
        return integrity.lastCheckpoint();
    }

    public boolean checkpointsEnabled(CurrentUser user) {
        requireAuditor(user);
        return integrity.checkpointsEnabled();
    }

    /** Every access request and grant, newest first. */
    public List<AccessRequest> grantHistory(CurrentUser user) {
        requireAuditor(user);
        return requests.history(user).stream()
                .sorted(java.util.Comparator.comparing(AccessRequest::createdAt).reversed()).toList();
    }

    /**
     * Writes the matching records, at most {@link #MAX_EXPORT_ROWS}, and records the export (action
     * {@code audit.export}) before the first row. Returns how many rows were written.
     */
    public long export(CurrentUser user, AuditQuery filter, ExportFormat format, OutputStream out) throws IOException {
        requireAuditor(user);
        return export.write(AuditActors.of(user), filter, format, out);
    }

    private void requireAuditor(CurrentUser user) {
        requireAuditor(user, "audit.read");
    }

    /** Anyone else is refused, and the refusal is recorded: a view that forgot its role check is visible here. */
    private void requireAuditor(CurrentUser user, String action) {
        if (!user.hasRole(Roles.AUDITOR)) {
            trail.record(new AuditEntry(AuditActors.of(user), action, AuditEntry.Target.none(), "",
                    AuditEntry.Decision.DENIED, "only auditors can read the audit trail", Optional.empty()));
            throw new AccessDeniedException("only auditors can read the audit trail");
        }
    }

    private static AuditEntry read(CurrentUser user, String action, String what) {
        return new AuditEntry(AuditActors.of(user), action, new AuditEntry.Target("audit", List.of(), Optional.empty(),
                Optional.empty()), what, AuditEntry.Decision.ALLOWED, "", Optional.empty());
    }
}
