package dev.periscope.logs;

import dev.periscope.audit.AuditEntry;
import java.util.Optional;
import java.util.Set;

/**
 * Who reads, and what the guard allows them: passed to every {@link LogService} call by the view, REST controller or
 * export that serves the user.
 *
 * @param actor the user, for the audit record
 * @param scope what they may read
 * @param exemptCategories masking categories they may see unmasked
 * @param grantId the access grant that widened their scope, if any
 * @param reason the reason the user gave, if any
 * @param mayExport whether the policy lets them export results (CSV, NDJSON)
 */
public record LogAccess(AuditEntry.Actor actor, LogScope scope, Set<String> exemptCategories,
                        Optional<String> grantId, String reason, boolean mayExport) {

    public LogAccess {
        exemptCategories = Set.copyOf(exemptCategories);
    }

    /** Access without export: exporting is allowed only when the policy says so. */
    public LogAccess(AuditEntry.Actor actor, LogScope scope, Set<String> exemptCategories, Optional<String> grantId,
                     String reason) {
        this(actor, scope, exemptCategories, grantId, reason, false);
    }

    /** The same access, with export allowed or not. */
    public LogAccess withExport(boolean allowed) {
        return new LogAccess(actor, scope, exemptCategories, grantId, reason, allowed);
    }

    public static LogAccess of(AuditEntry.Actor actor, LogScope scope) {
        return new LogAccess(actor, scope, Set.of(), Optional.empty(), "");
    }
}
