package dev.periscope.access.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.periscope.access.AccessRequest;
import dev.periscope.access.AccessRequestService;
import dev.periscope.security.CurrentUser;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;

/**
 * One request, the target of the link in notifications. Shown to its requester, approvers, auditors and admins;
 * anyone else gets "not found". Approving happens on the approvals page, after login, never from a chat message.
 */
@Route("access/requests/:id")
@PageTitle("Access request")
@PermitAll
class AccessRequestView extends Div implements BeforeEnterObserver {

    private final AccessRequestService requests;
    private final Clock clock;

    AccessRequestView(AccessRequestService requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
        addClassName("page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String id = event.getRouteParameters().get("id").orElse("");
        AccessRequest r = requests.find(CurrentUser.get().orElseThrow(), id)
                .orElseThrow(() -> new NotFoundException("no such request"));
        removeAll();
        UnorderedList history = new UnorderedList();
        r.decisions().forEach(d -> history.add(new ListItem(RequestGrids.TIME.format(d.at()) + " " + d.approverName()
                + ": " + d.action() + (d.comment().isBlank() ? "" : " (" + d.comment() + ")"))));
        r.signOff().ifPresent(d -> history.add(new ListItem(RequestGrids.TIME.format(d.at()) + " " + d.approverName()
                + ": signed off (" + d.comment() + ")")));
        add(new H2("Access request"),
                new Paragraph(r.requesterName() + " asked for " + r.scopeSummary() + "."),
                new Paragraph("Reason: " + r.reason() + " (" + r.ticket() + ")"),
                RequestGrids.status(r, clock),
                r.grant().map(g -> new Paragraph("Grant: " + RequestGrids.grantLine(g))).orElse(new Paragraph()),
                history,
                new Anchor("access/approvals", "Go to approvals"));
    }
}
