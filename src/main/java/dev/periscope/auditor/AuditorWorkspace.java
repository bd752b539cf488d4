package dev.periscope.auditor;

import dev.periscope.access.AccessDeniedException;
import dev.periscope.access.AccessRequest;
import dev.periscope.access.AccessRequestService;
import dev.periscope.audit.AuditEvent;
import dev.periscope.audit.AuditIntegrity;
import dev.periscope.audit.AuditQuery;
import dev.periscope.audit.AuditSearch;
import dev.periscope.audit.AuditTrail;
import dev.periscope.audit.AuditVerification;
import dev.periscope.security.AuditActors;
import dev.periscope.security.CurrentUser;
import dev.periscope.security.Roles;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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

    AuditorWorkspace(AuditSearch search, AuditIntegrity integrity, AccessRequestService requests, AuditTrail trail,
            Clock clock) {
        this.search = search;
        this.integrity = integrity;
        this.requests = requests;
        this.export = new AuditExport(search, trail, clock, MAX_EXPORT_ROWS);
    }

    /** Records matching the query, newest first. */
    public AuditSearch.Page search(CurrentUser user, AuditQuery query) {
        requireAuditor(user);
        return search.search(query);
    }

    /** One record in full. */
    public Optional<AuditEvent> find(CurrentUser user, String id) {
        requireAuditor(user);
        return search.find(id);
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

    private static void requireAuditor(CurrentUser user) {
        if (!user.hasRole(Roles.AUDITOR)) {
            throw new AccessDeniedException("only auditors can read the audit trail");
        }
    }
}
