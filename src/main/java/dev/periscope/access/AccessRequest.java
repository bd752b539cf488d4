package dev.periscope.access;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request for elevated access and everything that happened to it. Immutable: each step returns a new value, so
 * the store can keep history and the UI never sees a half-applied change.
 */
public record AccessRequest(
        String id,
        String requesterId,
        String requesterName,
        GrantKind kind,
        List<String> services,
        Set<String> categories,
        Set<String> tokens,
        String reason,
        String ticket,
        Duration duration,
        int approvalsNeeded,
        boolean emergency,
        Instant createdAt,
        Status status,
        List<Decision> decisions,
        Optional<Grant> grant,
        Optional<Decision> signOff,
        Notification notification) {

    public enum Status {
        /** Waiting for approvers. */
        PENDING,
        /** Approved (or self-granted in an emergency); the grant may still have expired since. */
        GRANTED,
        DENIED,
        /** Nobody acted before the pending request expired. */
        EXPIRED,
        REVOKED,
        WITHDRAWN;

        /**
         * "Granted", not {@code GRANTED}: the status as every view shows it. Stores and exports keep the name, which
         * tools reading them rely on.
         */
        public String label() {
            return switch (this) {
                case PENDING -> "Pending";
                case GRANTED -> "Granted";
                case DENIED -> "Denied";
                case EXPIRED -> "Expired";
                case REVOKED -> "Revoked";
                case WITHDRAWN -> "Withdrawn";
            };
        }
    }

    /** An approver's action: approve, deny, revoke or sign off, with their comment. */
    public record Decision(String approverId, String approverName, String action, String comment, Instant at) {
    }

    /** Delivery of the Slack notification for this request, so failures are visible, never silent. */
    public record Notification(String state, int attempts, Optional<String> lastError) {
        public static final Notification NONE = new Notification("not configured", 0, Optional.empty());
        public static final Notification QUEUED = new Notification("queued", 0, Optional.empty());
    }

    public AccessRequest {
        services = List.copyOf(services);
        categories = Set.copyOf(categories);
        tokens = Set.copyOf(tokens);
        decisions = List.copyOf(decisions);
    }

    /** What is asked for, in words: "read payments", "network unmasked on checkout", "reveal 2 token(s) on web". */
    public String scopeSummary() {
        return switch (kind) {
            case SERVICE -> "read " + String.join(", ", services);
            case UNMASK -> String.join(", ", categories) + " unmasked on " + String.join(", ", services);
            case REVEAL -> "reveal " + tokens.size() + " token(s) on " + String.join(", ", services);
        };
    }

    public long approvals() {
        return decisions.stream().filter(d -> d.action().equals("approve")).count();
    }

    public boolean activeAt(Instant now) {
        return status == Status.GRANTED && grant.map(g -> g.activeAt(now)).orElse(false);
    }

    public boolean needsReview() {
        return emergency && signOff.isEmpty();
    }

    AccessRequest with(Status newStatus, Decision decision) {
        List<Decision> all = new ArrayList<>(decisions);
        all.add(decision);
        return new AccessRequest(id, requesterId, requesterName, kind, services, categories, tokens, reason, ticket,
                duration, approvalsNeeded, emergency, createdAt, newStatus, all, grant, signOff, notification);
    }

    AccessRequest withGrant(Grant newGrant) {
        return new AccessRequest(id, requesterId, requesterName, kind, services, categories, tokens, reason, ticket,
                duration, approvalsNeeded, emergency, createdAt, Status.GRANTED, decisions, Optional.of(newGrant),
                signOff, notification);
    }

    AccessRequest withSignOff(Decision decision) {
        return new AccessRequest(id, requesterId, requesterName, kind, services, categories, tokens, reason, ticket,
                duration, approvalsNeeded, emergency, createdAt, status, decisions, grant, Optional.of(decision),
                notification);
    }

    AccessRequest withNotification(Notification n) {
        return new AccessRequest(id, requesterId, requesterName, kind, services, categories, tokens, reason, ticket,
                duration, approvalsNeeded, emergency, createdAt, status, decisions, grant, signOff, n);
    }
}
