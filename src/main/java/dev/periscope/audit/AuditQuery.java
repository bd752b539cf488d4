package dev.periscope.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * A search over audit records for the auditor. Every present criterion must match; results come newest first.
 *
 * @param user the acting user's id, exactly
 * @param action the action, exactly (e.g. {@code logs.search})
 * @param service one of the services the action touched, exactly
 * @param decision the decision taken
 * @param grant the access grant the actions were done under, exactly
 * @param from records at or after this time
 * @param to records before this time
 * @param text words that must all appear in the masked query text or the stated reason
 * @param offset how many matching records to skip
 * @param limit how many to return at most
 */
public record AuditQuery(
        Optional<String> user,
        Optional<String> action,
        Optional<String> service,
        Optional<AuditEntry.Decision> decision,
        Optional<String> grant,
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<String> text,
        int offset,
        int limit) {

    public AuditQuery {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
    }

    /** Everything, newest first, {@code limit} at a time. */
    public static AuditQuery all(int limit) {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, limit);
    }

    public AuditQuery withUser(String value) {
        return new AuditQuery(Optional.of(value), action, service, decision, grant, from, to, text, offset, limit);
    }

    public AuditQuery withAction(String value) {
        return new AuditQuery(user, Optional.of(value), service, decision, grant, from, to, text, offset, limit);
    }

    public AuditQuery withService(String value) {
        return new AuditQuery(user, action, Optional.of(value), decision, grant, from, to, text, offset, limit);
    }

    public AuditQuery withDecision(AuditEntry.Decision value) {
        return new AuditQuery(user, action, service, Optional.of(value), grant, from, to, text, offset, limit);
    }

    /** What was done under one access grant (break-glass review). */
    public AuditQuery withGrant(String value) {
        return new AuditQuery(user, action, service, decision, Optional.of(value), from, to, text, offset, limit);
    }

    public AuditQuery between(Instant fromInclusive, Instant toExclusive) {
        return new AuditQuery(user, action, service, decision, grant, Optional.of(fromInclusive),
                Optional.of(toExclusive), text, offset, limit);
    }

    public AuditQuery withText(String value) {
        return new AuditQuery(user, action, service, decision, grant, from, to, Optional.of(value), offset, limit);
    }

    public AuditQuery page(int newOffset, int newLimit) {
        return new AuditQuery(user, action, service, decision, grant, from, to, text, newOffset, newLimit);
    }
}
