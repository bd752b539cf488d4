package dev.periscope.access;

import dev.periscope.audit.AuditEntry;
import dev.periscope.security.AuditActors;
import dev.periscope.security.CurrentUser;
import java.util.List;
import java.util.Optional;

/** Builds audit entries for access actions, with the client's details when a web request is in progress. */
final class Actors {

    private Actors() {
    }

    static AuditEntry entry(CurrentUser user, String action, AccessRequest request, AuditEntry.Decision decision,
            String reason) {
        return new AuditEntry(AuditActors.of(user), action, target(request), "", decision, reason,
                Optional.of(request.id()));
    }

    static AuditEntry denial(CurrentUser user, String action, String why) {
        return new AuditEntry(AuditActors.of(user), action, AuditEntry.Target.none(), "", AuditEntry.Decision.DENIED,
                why,
                Optional.empty());
    }

    static AuditEntry system(String action, AccessRequest request) {
        return new AuditEntry(new AuditEntry.Actor("periscope", List.of(), "", "", ""), action, target(request), "",
                AuditEntry.Decision.ALLOWED, "", Optional.of(request.id()));
    }

    private static AuditEntry.Target target(AccessRequest request) {
        return new AuditEntry.Target("", request.services(), request.grant().map(Grant::startsAt),
                request.grant().map(Grant::expiresAt));
    }
}
