package dev.periscope.access;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditTrail;
import dev.periscope.masking.MaskingService;
import dev.periscope.security.AuditActors;
import dev.periscope.security.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Shows the value behind a token, the one sanctioned path from a token back to raw data. It needs a grant in force
 * that names the token, and the reveal is recorded durably (action {@code tokens.reveal}, the token and the grant,
 * never the value) before the value is returned. If the record cannot be written, nothing is revealed.
 */
@Service
public class TokenReveal {

    /** The audit action of a reveal; the auditor's "Reveals" filter looks for it. */
    public static final String ACTION = "tokens.reveal";

    /** The value(s) a token stands for, shown once to the grant holder. */
    public record Revealed(String token, List<String> values, String grantId, Instant grantExpiresAt) {
        public Revealed {
            values = List.copyOf(values);
        }
    }

    private final AccessGuard guard;
    private final MaskingService masking;
    private final AuditTrail audit;
    private final Clock clock;

    TokenReveal(AccessGuard guard, MaskingService masking, AuditTrail audit, Clock clock) {
        this.guard = guard;
        this.masking = masking;
        this.audit = audit;
        this.clock = clock;
    }

    /** The tokens this user may reveal now, from their reveal grants in force. */
    public List<String> revealable(CurrentUser user) {
        return grantsFor(user).flatMap(g -> g.tokens().stream()).distinct().sorted().toList();
    }

    public Revealed reveal(CurrentUser user, String token) {
        Grant grant = grantsFor(user).filter(g -> g.tokens().contains(token))
                .max(java.util.Comparator.comparing(Grant::expiresAt))
                .orElseThrow(() -> refuse(user, token, "no reveal grant in force names this token"));
        audit.record(new AuditEntry(AuditActors.of(user), ACTION,
                new AuditEntry.Target("", grant.services(), Optional.empty(), Optional.empty()), token,
                AuditEntry.Decision.ALLOWED, "revealed under grant " + grant.requestId(), Optional.of(grant.requestId())));
        return new Revealed(token, masking.reveal(token), grant.requestId(), grant.expiresAt());
    }

    private java.util.stream.Stream<Grant> grantsFor(CurrentUser user) {
        return guard.activeGrants(user.id(), clock.instant()).stream().filter(g -> g.kind() == GrantKind.REVEAL);
    }

    private AccessDeniedException refuse(CurrentUser user, String token, String why) {
        audit.record(new AuditEntry(AuditActors.of(user), ACTION, AuditEntry.Target.none(), token,
                AuditEntry.Decision.DENIED, why, Optional.empty()));
        return new AccessDeniedException(why);
    }
}
