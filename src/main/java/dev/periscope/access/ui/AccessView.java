package dev.periscope.access.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.periscope.access.AccessGuard;
import dev.periscope.access.AccessRequest;
import dev.periscope.access.AccessRequestService;
import dev.periscope.access.AccessScope;
import dev.periscope.base.TimeFormats;
import dev.periscope.access.Grant;
import dev.periscope.access.GrantKind;
import dev.periscope.access.ServiceFilter;
import dev.periscope.security.CurrentUser;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Your access: what your role lets you see, your requests for more, and the grants in force for everyone. */
@Route("access")
@PageTitle("Access")
@Menu(order = 60, icon = "vaadin:key", title = "Access")
@PermitAll
class AccessView extends Div {

    private final AccessRequestService requests;
    private final Clock clock;
    private final CurrentUser user;
    private final Grid<AccessRequest> mine;
    private final Grid<AccessRequest> active;

    AccessView(AccessRequestService requests, AccessGuard guard, Clock clock) {
        this.requests = requests;
        this.clock = clock;
        this.user = CurrentUser.get().orElseThrow();
        addClassName("page");

        AccessScope scope = guard.scopeFor(user);
        Paragraph summary = new Paragraph(describe(scope, clock.instant()));
        summary.setId("scope-summary");

        Button request = new Button("Request access", e -> new RequestAccessDialog(requests, user, false, this::made).open());
        request.setId("request-access");
        request.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        request.setVisible(!requests.requestable(user).isEmpty());
        Button breakGlass = new Button("Break glass", e -> new RequestAccessDialog(requests, user, true, this::made).open());
        breakGlass.setId("break-glass");
        breakGlass.addThemeVariants(ButtonVariant.LUMO_ERROR);
        breakGlass.setVisible(requests.canBreakGlass(user));

        mine = RequestGrids.grid("my-requests", clock, false, "No requests");
        mine.addComponentColumn(r -> {
            Button withdraw = new Button("Withdraw", e -> {
                requests.withdraw(user, r.id());
                refresh();
            });
            withdraw.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            withdraw.setVisible(r.status() == AccessRequest.Status.PENDING);
            return withdraw;
        }).setAutoWidth(true).setFlexGrow(0);
        active = RequestGrids.grid("active-grants", clock, true, "No active grants");

        add(new H2("Access"), summary, new HorizontalLayout(request, breakGlass),
                new H3("My requests"), mine, new H3("Grants in force"), active);
        refresh();
    }

    private void made(AccessRequest request) {
        Notification n = Notification.show(request.emergency()
                ? "Emergency access is active and approvers have been told."
                : "Request sent to approvers.", 5000, Notification.Position.BOTTOM_CENTER);
        n.addThemeVariants(request.emergency() ? NotificationVariant.LUMO_WARNING : NotificationVariant.LUMO_SUCCESS);
        getUI().ifPresent(ui -> ui.getPage().reload());
    }

    private void refresh() {
        RequestGrids.show(mine, requests.mine(user));
        RequestGrids.show(active, requests.active());
    }

    /**
     * What this user may read and what they see unmasked, grants included: a page that said "everything
     * confidential is masked" while an unmask grant is in force would mislead the one person who must know.
     */
    static String describe(AccessScope scope, Instant now) {
        if (!scope.seesAnyLogs()) {
            return "Your roles give you no access to production data. Request access if your work needs it.";
        }
        String services = describe(ServiceFilter.union(scope.logServices()));
        List<String> unmasked = new ArrayList<>();
        if (!scope.maskingExempt().isEmpty()) {
            unmasked.add(String.join(", ", new TreeSet<>(scope.maskingExempt())) + " shown unmasked by your role");
        }
        for (Grant g : scope.grants()) {
            String left = " for " + TimeFormats.duration(Duration.between(now, g.expiresAt())) + " more";
            if (g.kind() == GrantKind.UNMASK) {
                unmasked.add(String.join(", ", new TreeSet<>(g.categories())) + " shown unmasked in "
                        + String.join(", ", g.services()) + " by a grant" + left);
            } else if (g.kind() == GrantKind.REVEAL) {
                unmasked.add(g.tokens().size() + (g.tokens().size() == 1 ? " token" : " tokens")
                        + " you may reveal by a grant" + left);
            }
        }
        String masking = unmasked.isEmpty() ? "everything confidential is masked"
                : String.join("; ", unmasked) + "; everything else confidential is masked";
        return "You can read: " + services + ". Up to " + TimeFormats.duration(scope.maxRange()) + " per query; " + masking
                + ".";
    }

    /**
     * The services as log searches admit them: one union of the role's filter and the grants' (the one the log
     * service applies), so a service granted on top of "all services" is not named again, and one granted back from
     * an exclusion is no longer "except".
     */
    private static String describe(ServiceFilter filter) {
        String included = filter.include().contains("*") ? "all services" : String.join(", ", filter.include());
        return filter.exclude().isEmpty() ? included : included + " except " + String.join(", ", filter.exclude());
    }
}
