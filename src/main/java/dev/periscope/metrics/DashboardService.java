package dev.periscope.metrics;

import dev.periscope.access.AccessGuard;
import dev.periscope.access.ServiceFilter;
import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditTrail;
import dev.periscope.security.AuditActors;
import dev.periscope.security.CurrentUser;
import java.util.List;
import java.util.Optional;

/**
 * The dashboards a user may open: those whose id matches one of their roles' dashboard globs in the access policy.
 * Opening one is audited before it is shown; its panels' queries then take the metrics path like any other read.
 */
public class DashboardService {

    private final DashboardStore store;
    private final AccessGuard guard;
    private final AuditTrail audit;

    DashboardService(DashboardStore store, AccessGuard guard, AuditTrail audit) {
        this.store = store;
        this.guard = guard;
        this.audit = audit;
    }

    /**
     * The dashboards the user may open, the errors of files that did not parse (shown to fix them), and whether any
     * dashboard is set up at all.
     */
    public Listing list(CurrentUser user) {
        var snapshot = store.current();
        ServiceFilter allowed = allowed(user);
        return new Listing(snapshot.dashboards().stream().filter(d -> allowed.allows(d.id())).toList(),
                snapshot.errors(), !snapshot.dashboards().isEmpty(), snapshot.directoryMissing());
    }

    /** Opens a dashboard, audited; empty (and audited as refused) when it does not exist or is not the user's. */
    public Optional<Dashboard> open(CurrentUser user, String id) {
        Optional<Dashboard> dashboard = store.current().dashboards().stream().filter(d -> d.id().equals(id))
                .findFirst();
        boolean may = dashboard.isPresent() && allowed(user).allows(id);
        // Throws when the audit record cannot be made durable: the dashboard is then not shown.
        audit.record(new AuditEntry(AuditActors.of(user), "metrics.dashboard.view",
                new AuditEntry.Target("dashboards", List.of(), Optional.empty(), Optional.empty()), id,
                may ? AuditEntry.Decision.ALLOWED : AuditEntry.Decision.DENIED,
                may ? "" : dashboard.isPresent() ? "not among the user's dashboards" : "no such dashboard",
                Optional.empty()));
        return may ? dashboard : Optional.empty();
    }

    private ServiceFilter allowed(CurrentUser user) {
        List<String> globs = guard.scopeFor(user).dashboards().stream()
                .filter(g -> g.matches("[A-Za-z0-9._*?:/-]{1,200}")).toList();
        return new ServiceFilter(globs, List.of());
    }

    /**
     * @param dashboards the user's dashboards
     * @param errors the errors of dashboard files that could not be read, everyone's
     * @param anySetUp whether any dashboard was read, the user's or not: an empty list then means "none for your
     *     roles" rather than "none at all"
     * @param directoryMissing whether the dashboards directory an administrator configured does not exist
     */
    public record Listing(List<Dashboard> dashboards, List<String> errors, boolean anySetUp,
                          boolean directoryMissing) {
        public Listing {
            dashboards = List.copyOf(dashboards);
            errors = List.copyOf(errors);
        }

        public Listing(List<Dashboard> dashboards, List<String> errors, boolean anySetUp) {
            this(dashboards, errors, anySetUp, false);
        }
    }
}
