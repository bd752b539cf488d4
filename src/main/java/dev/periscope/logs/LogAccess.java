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
 */
public record LogAccess(AuditEntry.Actor actor, LogScope scope, Set<String> exemptCategories,
                        Optional<String> grantId, String reason) {

    public LogAccess {
        exemptCategories = Set.copyOf(exemptCategories);
    }

    public static LogAccess of(AuditEntry.Actor actor, LogScope scope) {
        return new LogAccess(actor, scope, Set.of(), Optional.empty(), "");
    }
}
