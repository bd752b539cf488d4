package dev.periscope.access.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.periscope.access.AccessRequest;
import dev.periscope.access.AccessRequestService;
import dev.periscope.security.CurrentUser;
import dev.periscope.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;

/** Approvers' desk: pending requests (never their own), grants to revoke, and emergency access to review. */
@Route("access/approvals")
@PageTitle("Approvals")
@Menu(order = 61, icon = "vaadin:check-square-o", title = "Approvals")
@RolesAllowed(Roles.APPROVER)
class ApprovalsView extends Div {

    private final AccessRequestService requests;
    private final CurrentUser approver;
    private final Clock clock;
    private final Grid<AccessRequest> pending;
    private final Grid<AccessRequest> active;
    private final Grid<AccessRequest> review;

    ApprovalsView(AccessRequestService requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
        this.approver = CurrentUser.get().orElseThrow();
        addClassName("page");

        pending = RequestGrids.grid("pending-requests", clock, true, "No pending requests");
        pending.addComponentColumn(r -> decisions(
                action("Approve", "approve-" + r.id(), false, () -> new DecisionDialog("Approve " + r.scopeSummary(),
                        "Approve", false, c -> requests.approve(approver, r.id(), c), this::refresh).open()),
                action("Deny", "deny-" + r.id(), true, () -> new DecisionDialog("Deny " + r.scopeSummary(),
                        "Deny", true, c -> requests.deny(approver, r.id(), c), this::refresh).open())))
                .setAutoWidth(true).setFlexGrow(0).setFrozenToEnd(true);
        active = RequestGrids.grid("grants-to-revoke", clock, true, "No active grants");
        active.addComponentColumn(r -> action("Revoke", "revoke-" + r.id(), true, () -> new DecisionDialog(
                "Revoke " + r.scopeSummary(), "Revoke now", true, c -> requests.revoke(approver, r.id(), c),
                this::refresh).open())).setAutoWidth(true).setFlexGrow(0).setFrozenToEnd(true);
        review = RequestGrids.grid("emergency-review", clock, true,
                "No emergency access to review");
        review.addComponentColumn(r -> action("Sign off", "signoff-" + r.id(), false, () -> new DecisionDialog(
                "Sign off emergency access", "Sign off", false, c -> requests.signOff(approver, r.id(), c),
                this::refresh).open())).setAutoWidth(true).setFlexGrow(0).setFrozenToEnd(true);

        add(new H2("Approvals"), new H3("Waiting for you"), pending, new H3("Grants in force"), active,
                new H3("Emergency access to review"), review);
        refresh();
    }

    /** The two buttons close together, so the row's other columns keep their room. */
    private static HorizontalLayout decisions(Button approve, Button deny) {
        HorizontalLayout buttons = new HorizontalLayout(approve, deny);
        buttons.setSpacing(false);
        buttons.getThemeList().add("spacing-xs");
        return buttons;
    }

    private static Button action(String label, String id, boolean danger, Runnable run) {
        Button b = new Button(label, e -> run.run());
        b.setId(id);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL, danger ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_PRIMARY);
        return b;
    }

    private void refresh() {
        RequestGrids.show(pending, requests.pendingFor(approver));
        RequestGrids.show(active, requests.active());
        RequestGrids.show(review, requests.history(approver).stream().filter(AccessRequest::needsReview).toList());
    }
}
