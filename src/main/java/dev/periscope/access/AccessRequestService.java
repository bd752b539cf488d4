package dev.periscope.access;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditTrail;
import dev.periscope.base.TimeFormats;
import dev.periscope.security.CurrentUser;
import dev.periscope.security.Roles;
import dev.periscope.masking.Masker;
import dev.periscope.masking.MaskingContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Just-in-time elevated access: request, four-eyes approval, time-boxed grant, revocation, and the emergency
 * self-grant ("break glass") that is flagged for review. Every step is audited before it takes effect; if the
 * audit record cannot be written, the step does not happen.
 */
@Service
public class AccessRequestService {

    /** What a user asks for. */
    public record NewRequest(GrantKind kind, List<String> services, Set<String> categories, Set<String> tokens,
            String reason, String ticket, Duration duration) {
    }

    private static final SecureRandom IDS = new SecureRandom();
    private static final int MIN_REASON_LENGTH = 10;
    /** The decision that marks a grant's end in its history, so its expiry is recorded once. */
    private static final String GRANT_EXPIRED = "grant-expired";

    private final PolicyStore policies;
    private final AccessRequestStore store;
    private final AuditTrail audit;
    private final ApproverNotifier notifier;
    private final AccessProperties properties;
    private final Clock clock;
    /** Reasons and comments are typed by people, who paste what they see: they are masked before they are recorded. */
    private final Masker masker;

    AccessRequestService(PolicyStore policies, AccessRequestStore store, AuditTrail audit, ApproverNotifier notifier,
            AccessProperties properties, Masker masker, Clock clock) {
        this.masker = masker;
        this.policies = policies;
        this.store = store;
        this.audit = audit;
        this.notifier = notifier;
        this.properties = properties;
        this.clock = clock;
    }

    /** Files a request for approvers. Refused when the policy does not let the user's roles request it. */
    public AccessRequest request(CurrentUser user, NewRequest asked) {
        refusePatterns(user, "access.request", asked);
        NewRequest wanted = asked.kind() == GrantKind.REVEAL ? withTokenCategories(user, asked) : asked;
        validate(user, wanted, requestableFor(user, wanted).maxDuration());
        int approvals = isHighRisk(wanted) ? 2 : 1;
        AccessRequest request = newRequest(user, wanted, approvals, false);
        record(user, "access.request", request, AuditEntry.Decision.ALLOWED, "requested: " + wanted.reason());
        store.save(request);
        notifier.notify(request, "Access request");
        return request;
    }

    /** Emergency self-grant: active at once, announced at once, and flagged until an approver signs it off. */
    public AccessRequest breakGlass(CurrentUser user, NewRequest wanted) {
        refusePatterns(user, "access.breakglass", wanted);
        RolePolicy.BreakGlass allowed = policies.current().rolesOf(user.roles()).stream()
                .map(RolePolicy::breakGlass).filter(RolePolicy.BreakGlass::allowed)
                .max(java.util.Comparator.comparing(RolePolicy.BreakGlass::maxDuration))
                .orElseThrow(() -> refuse(user, "access.breakglass", "your roles may not break glass"));
        if (wanted.kind() != GrantKind.SERVICE) {
            throw refuse(user, "access.breakglass", "break glass covers reading services only");
        }
        validate(user, wanted, allowed.maxDuration());
        AccessRequest request = newRequest(user, wanted, 0, true);
        Instant now = clock.instant();
        AccessRequest granted = request.withGrant(grantOf(request, now));
        record(user, "access.breakglass", granted, AuditEntry.Decision.ALLOWED, "break glass: " + wanted.reason());
        store.save(granted);
        notifier.notify(granted, "BREAK GLASS: emergency access taken");
        return granted;
    }

    /** Whether the policy lets this user take emergency access. */
    public boolean canBreakGlass(CurrentUser user) {
        return policies.current().rolesOf(user.roles()).stream().anyMatch(r -> r.breakGlass().allowed());
    }

    /** What this user may request, for the request form. */
    public List<RolePolicy.Requestable> requestable(CurrentUser user) {
        return policies.current().rolesOf(user.roles()).stream().flatMap(r -> r.requestable().stream()).toList();
    }

    public AccessRequest approve(CurrentUser approver, String requestId, String comment) {
        AccessRequest request = pendingForApprover(approver, requestId, "access.approve");
        if (request.decisions().stream().anyMatch(d -> d.approverId().equals(approver.id()))) {
            throw refuse(approver, "access.approve", "you have already approved this request");
        }
        Instant now = clock.instant();
        AccessRequest.Decision decision = new AccessRequest.Decision(approver.id(), approver.displayName(), "approve",
                comment, now);
        AccessRequest approved = request.with(AccessRequest.Status.PENDING, decision);
        boolean complete = approved.approvals() >= approved.approvalsNeeded();
        if (complete) {
            approved = approved.withGrant(grantOf(approved, now));
        }
        record(approver, complete ? "access.grant" : "access.approve", approved, AuditEntry.Decision.ALLOWED, comment);
        AccessRequest result = approved;
        replace(approver, complete ? "access.grant" : "access.approve", request, result);
        if (complete) {
            notifier.notify(result, "Access granted");
        }
        return result;
    }

    public AccessRequest deny(CurrentUser approver, String requestId, String comment) {
        AccessRequest request = pendingForApprover(approver, requestId, "access.deny");
        return decide(approver, request, AccessRequest.Status.DENIED, "deny", comment, Optional.of("Access request denied"));
    }

    /** Ends a grant at once. Any approver may revoke, including the one who approved it. */
    public AccessRequest revoke(CurrentUser approver, String requestId, String comment) {
        requireApprover(approver, "access.revoke");
        AccessRequest request = find(requestId);
        if (!request.activeAt(clock.instant())) {
            throw new AccessDeniedException("this grant is not active");
        }
        return decide(approver, request, AccessRequest.Status.REVOKED, "revoke", comment, Optional.of("Access revoked"));
    }

    /** An approver reviews an emergency self-grant after the fact. */
    public AccessRequest signOff(CurrentUser approver, String requestId, String comment) {
        requireApprover(approver, "access.signoff");
        AccessRequest request = find(requestId);
        if (!request.needsReview()) {
            throw new AccessDeniedException("this request needs no review");
        }
        if (request.requesterId().equals(approver.id())) {
            throw refuse(approver, "access.signoff", "nobody signs off their own emergency access");
        }
        AccessRequest reviewed = request.withSignOff(
                new AccessRequest.Decision(approver.id(), approver.displayName(), "sign-off", comment, clock.instant()));
        record(approver, "access.signoff", reviewed, AuditEntry.Decision.ALLOWED, comment);
        replace(approver, "access.signoff", request, reviewed);
        return reviewed;
    }

    public AccessRequest withdraw(CurrentUser user, String requestId) {
        AccessRequest request = find(requestId);
        if (!request.requesterId().equals(user.id()) || request.status() != AccessRequest.Status.PENDING) {
            throw new AccessDeniedException("only the requester can withdraw a pending request");
        }
        return decide(user, request, AccessRequest.Status.WITHDRAWN, "withdraw", "", Optional.empty());
    }

    public List<AccessRequest> mine(CurrentUser user) {
        expirePending();
        return store.all().stream().filter(r -> r.requesterId().equals(user.id())).toList();
    }

    /**
     * Requests an approver may act on: pending, never their own, and not yet decided by them. A request that needs a
     * second approver stays pending after the first approves, but it no longer waits for that first one.
     */
    public List<AccessRequest> pendingFor(CurrentUser approver) {
        expirePending();
        if (!approver.hasRole(Roles.APPROVER)) {
            return List.of();
        }
        return store.all().stream()
                .filter(r -> r.status() == AccessRequest.Status.PENDING && !r.requesterId().equals(approver.id()))
                .filter(r -> r.decisions().stream().noneMatch(d -> d.approverId().equals(approver.id())))
                .toList();
    }

    /** Grants in force now, for everyone to see. */
    public List<AccessRequest> active() {
        Instant now = clock.instant();
        return store.all().stream().filter(r -> r.activeAt(now)).toList();
    }

    /** The whole history, for approvers and auditors. */
    public List<AccessRequest> history(CurrentUser user) {
        if (!user.hasRole(Roles.APPROVER) && !user.hasRole(Roles.AUDITOR) && !user.hasRole(Roles.ADMIN)) {
            return mine(user);
        }
        expirePending();
        return store.all();
    }

    public Optional<AccessRequest> find(CurrentUser user, String requestId) {
        return store.find(requestId).filter(r -> r.requesterId().equals(user.id()) || user.hasRole(Roles.APPROVER)
                || user.hasRole(Roles.AUDITOR) || user.hasRole(Roles.ADMIN));
    }

    /**
     * Pending requests nobody acted on expire; grants that ran out are recorded as expired (once each). Checked on
     * reads and every minute. A grant stops working at its expiry whatever this does: the check here only writes
     * the trail, enforcement is the guard's comparison with the clock on every request.
     */
    @Scheduled(fixedDelay = 60_000)
    public void expirePending() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(properties.pendingRequestTtl());
        for (AccessRequest r : store.all()) {
            if (r.status() == AccessRequest.Status.PENDING && r.createdAt().isBefore(cutoff)) {
                AccessRequest expired = r.with(AccessRequest.Status.EXPIRED,
                        new AccessRequest.Decision("periscope", "Periscope", "expire", "nobody acted in time", now));
                audit.record(Actors.system("access.expire", expired));
                store.update(r.id(), x -> x.equals(r) ? expired : x);
            } else if (r.status() == AccessRequest.Status.GRANTED && r.grant().isPresent()
                    && !r.grant().get().expiresAt().isAfter(now)
                    && r.decisions().stream().noneMatch(d -> d.action().equals(GRANT_EXPIRED))) {
                AccessRequest ended = r.with(AccessRequest.Status.GRANTED,
                        new AccessRequest.Decision("periscope", "Periscope", GRANT_EXPIRED, "the grant ran out", now));
                audit.record(Actors.system("access.grant.expire", ended));
                store.update(r.id(), x -> x.equals(r) ? ended : x);
            }
        }
    }

    private RolePolicy.Requestable requestableFor(CurrentUser user, NewRequest wanted) {
        return policies.current().rolesOf(user.roles()).stream()
                .flatMap(role -> role.requestable().stream())
                .filter(r -> r.kind() == wanted.kind())
                .filter(r -> wanted.services().stream().allMatch(r.services()::allows))
                // A reveal rule that names no categories lets its tokens be of any; one that names some, only those.
                .filter(r -> r.categories().containsAll(wanted.categories())
                        || r.kind() == GrantKind.REVEAL && r.categories().isEmpty())
                .max(java.util.Comparator.comparing(RolePolicy.Requestable::maxDuration))
                .orElseThrow(() -> refuse(user, "access.request", "your roles may not request this access"));
    }

    /**
     * A reveal request carries the categories of its tokens ({@code pii} for an email's token), so that the policy's
     * categories apply to it and approvers see what it would show. A text that is no token of a rule in force is
     * refused: nothing could be revealed by it, and it says nothing about what it would show.
     */
    private NewRequest withTokenCategories(CurrentUser user, NewRequest wanted) {
        Set<String> categories = new java.util.TreeSet<>();
        for (String token : wanted.tokens()) {
            categories.add(masker.categoryOfToken(token).orElseThrow(() -> refuse(user, "access.request",
                    "not a token of a masking rule in force: " + token)));
        }
        return new NewRequest(wanted.kind(), wanted.services(), categories, wanted.tokens(), wanted.reason(),
                wanted.ticket(), wanted.duration());
    }

    /**
     * A pattern would be checked against the policy as if it were one name, but granted as a pattern: {@code *} would
     * pass where {@code payments} needs two approvers or is excluded. So requests name their services one by one.
     */
    private void refusePatterns(CurrentUser user, String action, NewRequest wanted) {
        for (String service : wanted.services()) {
            if (service.indexOf('*') >= 0 || service.indexOf('?') >= 0) {
                throw refuse(user, action, "name each service: patterns such as '" + service
                        + "' are not accepted in requests");
            }
        }
    }

    private void validate(CurrentUser user, NewRequest wanted, Duration max) {
        if (wanted.services().isEmpty()) {
            throw refuse(user, "access.request", "name at least one service");
        }
        for (String service : wanted.services()) {
            ServiceFilter.Globs.validate(service);
        }
        if (wanted.reason() == null || wanted.reason().strip().length() < MIN_REASON_LENGTH) {
            throw refuse(user, "access.request", "give a reason of at least " + MIN_REASON_LENGTH + " characters");
        }
        if (wanted.ticket() == null || wanted.ticket().isBlank()) {
            throw refuse(user, "access.request", "give an incident or ticket reference");
        }
        if (wanted.duration().isNegative() || wanted.duration().isZero() || wanted.duration().compareTo(max) > 0) {
            throw refuse(user, "access.request", "the duration must be between 1 minute and "
                    + TimeFormats.duration(max));
        }
        if (wanted.kind() == GrantKind.REVEAL && wanted.tokens().isEmpty()) {
            throw refuse(user, "access.request", "name the tokens to reveal");
        }
    }

    private boolean isHighRisk(NewRequest wanted) {
        ServiceFilter highRisk = policies.current().highRiskServices();
        return wanted.services().stream().anyMatch(highRisk::allows);
    }

    private AccessRequest newRequest(CurrentUser user, NewRequest wanted, int approvals, boolean emergency) {
        byte[] id = new byte[8];
        IDS.nextBytes(id);
        return new AccessRequest("ar-" + HexFormat.of().formatHex(id), user.id(), user.displayName(), wanted.kind(),
                wanted.services(), wanted.categories(), wanted.tokens(), wanted.reason().strip(), wanted.ticket().strip(),
                wanted.duration(), approvals, emergency, clock.instant(), AccessRequest.Status.PENDING, List.of(),
                Optional.empty(), Optional.empty(), AccessRequest.Notification.NONE);
    }

    private static Grant grantOf(AccessRequest request, Instant now) {
        return new Grant(request.id(), request.requesterId(), request.kind(), request.services(), request.categories(),
                request.tokens(), now, now.plus(request.duration()), request.emergency());
    }

    private AccessRequest pendingForApprover(CurrentUser approver, String requestId, String action) {
        requireApprover(approver, action);
        expirePending();
        AccessRequest request = find(requestId);
        if (request.requesterId().equals(approver.id())) {
            throw refuse(approver, action, "nobody approves their own request");
        }
        if (request.status() != AccessRequest.Status.PENDING) {
            throw new AccessDeniedException("this request is no longer pending (" + request.status().label() + ")");
        }
        return request;
    }

    private void requireApprover(CurrentUser user, String action) {
        if (!user.hasRole(Roles.APPROVER)) {
            throw refuse(user, action, "only approvers can do this");
        }
    }

    private AccessRequest find(String requestId) {
        return store.find(requestId).orElseThrow(() -> new AccessDeniedException("no such request"));
    }

    /** Ends a request with one person's decision: audited first, then stored, then announced. */
    private AccessRequest decide(CurrentUser user, AccessRequest request, AccessRequest.Status status, String verb,
            String comment, Optional<String> headline) {
        AccessRequest decided = request.with(status,
                new AccessRequest.Decision(user.id(), user.displayName(), verb, comment, clock.instant()));
        record(user, "access." + verb, decided, AuditEntry.Decision.ALLOWED, comment.isEmpty() ? verb : comment);
        replace(user, "access." + verb, request, decided);
        headline.ifPresent(h -> notifier.notify(decided, h));
        return decided;
    }

    /**
     * Writes {@code next} in place of {@code seen}, unless the request changed since it was read (another approver, a
     * revoke, a withdrawal, on this replica or another): one decision never silently overwrites another.
     */
    private void replace(CurrentUser user, String action, AccessRequest seen, AccessRequest next) {
        try {
            store.update(seen.id(), current -> {
                if (!current.equals(seen)) {
                    throw new ChangedMeanwhile();
                }
                return next;
            });
        } catch (ChangedMeanwhile e) {
            throw refuse(user, action, "the request changed while you were deciding; nothing was changed, so "
                    + "reload it and decide again");
        }
    }

    private static final class ChangedMeanwhile extends RuntimeException {
        ChangedMeanwhile() {
            super(null, null, false, false);
        }
    }

    private void record(CurrentUser user, String action, AccessRequest request, AuditEntry.Decision decision, String reason) {
        audit.record(Actors.entry(user, action, request, decision,
                masker.mask(MaskingContext.strict(""), reason).text()));
    }

    private AccessDeniedException refuse(CurrentUser user, String action, String why) {
        audit.record(Actors.denial(user, action, why));
        return new AccessDeniedException(why);
    }
}
