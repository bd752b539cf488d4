package dev.periscope.logs;

import dev.periscope.audit.AuditEntry;
import dev.periscope.logs.query.Globs;
import java.util.Map;
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
 * @param unmaskedByService categories an unmask grant shows unmasked, per service glob: they apply only to events of
 *     matching services, so a grant for {@code checkout} never unmasks {@code web}
 */
public record LogAccess(AuditEntry.Actor actor, LogScope scope, Set<String> exemptCategories,
                        Optional<String> grantId, String reason, boolean mayExport,
                        Map<String, Set<String>> unmaskedByService) {

    public LogAccess {
        exemptCategories = Set.copyOf(exemptCategories);
        unmaskedByService = Map.copyOf(unmaskedByService);
    }

    /** The categories shown unmasked in events of this service: role exemptions plus matching unmask grants. */
    public Set<String> exemptCategoriesFor(String service) {
        if (unmaskedByService.isEmpty()) {
            return exemptCategories;
        }
        Set<String> exempt = new java.util.HashSet<>(exemptCategories);
        unmaskedByService.forEach((glob, categories) -> {
            if (Globs.matches(glob, service)) {
                exempt.addAll(categories);
            }
        });
        return exempt;
    }

    /** Access without export: exporting is allowed only when the policy says so. */
    public LogAccess(AuditEntry.Actor actor, LogScope scope, Set<String> exemptCategories, Optional<String> grantId,
                     String reason) {
        this(actor, scope, exemptCategories, grantId, reason, false, Map.of());
    }

    /** The same access, with export allowed or not. */
    public LogAccess withExport(boolean allowed) {
        return new LogAccess(actor, scope, exemptCategories, grantId, reason, allowed, unmaskedByService);
    }

    public static LogAccess of(AuditEntry.Actor actor, LogScope scope) {
        return new LogAccess(actor, scope, Set.of(), Optional.empty(), "");
    }
}
