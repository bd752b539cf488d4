package dev.periscope.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One audited action as the auditor sees it: the record of its start joined with the record of what it returned.
 *
 * @param id the record id (the {@link AuditReceipt#recordId()} of a read)
 * @param seq the record's position in the chain, to find it in the segment files
 * @param time when the record was written
 * @param type {@code begin} for a read, {@code event} for a one-shot event
 * @param userId the acting user
 * @param roles the roles in force
 * @param sessionHash a one-way hash of the session id
 * @param clientAddress the client's address
 * @param userAgent the client's user agent
 * @param action the action
 * @param backend the backend touched, empty for non-data actions
 * @param services the services in scope
 * @param from start of the queried range, if any
 * @param to end of the queried range, if any
 * @param maskedQuery the query text as recorded (masked)
 * @param decision the decision
 * @param reason the reason recorded with it
 * @param grantId the grant used, if any
 * @param outcome what the read returned, once its completion is recorded
 */
public record AuditEvent(
        String id,
        long seq,
        Instant time,
        String type,
        String userId,
        List<String> roles,
        String sessionHash,
        String clientAddress,
        String userAgent,
        String action,
        String backend,
        List<String> services,
        Optional<Instant> from,
        Optional<Instant> to,
        String maskedQuery,
        AuditEntry.Decision decision,
        String reason,
        Optional<String> grantId,
        Optional<AuditOutcome> outcome) {

    public AuditEvent {
        roles = List.copyOf(roles);
        services = List.copyOf(services);
    }
}
