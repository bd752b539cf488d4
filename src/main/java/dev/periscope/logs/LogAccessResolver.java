package dev.periscope.logs;

import dev.periscope.access.AccessGuard;
import dev.periscope.access.AccessScope;
import dev.periscope.access.Grant;
import dev.periscope.access.GrantKind;
import dev.periscope.access.ServiceFilter;
import dev.periscope.security.AuditActors;
import dev.periscope.security.CurrentUser;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Turns what the access guard allows a user into the {@link LogAccess} every log read takes. Asked on every
 * request, so an expired or revoked grant stops working at once.
 */
@Component
public class LogAccessResolver {

    private final AccessGuard guard;

    LogAccessResolver(AccessGuard guard) {
        this.guard = guard;
    }

    /** The user's log access, or empty when their roles and grants show them no logs at all. */
    public Optional<LogAccess> forUser(CurrentUser user, String reason) {
        AccessScope scope = guard.scopeFor(user);
        if (!scope.seesAnyLogs() || scope.maxRange().isZero()) {
            return Optional.empty();
        }
        LogScope logScope = union(scope.logServices(), scope.maxRange());
        // Unmask grants apply per service: the log service asks for each event's service (exemptCategoriesFor), and
        // anything without a single service (field top values over several services) keeps the strict role level.
        Set<String> exempt = new LinkedHashSet<>(scope.maskingExempt());
        Optional<String> grantId = scope.grants().stream()
                .filter(g -> g.kind() != GrantKind.REVEAL).map(Grant::requestId).findFirst();
        return Optional.of(new LogAccess(AuditActors.of(user), logScope, exempt, grantId, reason, scope.export(),
                scope.unmaskGrants()));
    }

    /** One include/exclude scope for a union of filters, never wider than the true union. */
    static LogScope union(List<ServiceFilter> filters, Duration maxRange) {
        ServiceFilter union = ServiceFilter.union(filters);
        return new LogScope(union.include(), union.exclude(), maxRange);
    }
}
