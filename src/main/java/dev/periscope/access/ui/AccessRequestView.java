package dev.periscope.access.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.periscope.access.AccessDeniedException;
import dev.periscope.access.AccessRequest;
import dev.periscope.access.AccessRequestService;
import dev.periscope.access.GrantKind;
import dev.periscope.access.TokenReveal;
import dev.periscope.base.TimeFormats;
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
    private final TokenReveal reveals;
    private final Clock clock;

    AccessRequestView(AccessRequestService requests, TokenReveal reveals, Clock clock) {
        this.requests = requests;
        this.reveals = reveals;
        this.clock = clock;
        addClassName("page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String id = event.getRouteParameters().get("id").orElse("");
        CurrentUser user = CurrentUser.get().orElseThrow();
        AccessRequest r = requests.find(user, id)
                .orElseThrow(() -> new NotFoundException("no such request"));
        removeAll();
        UnorderedList history = new UnorderedList();
        r.decisions().forEach(d -> history.add(new ListItem(TimeFormats.utc(d.at()) + " " + d.approverName()
                + ": " + d.action() + (d.comment().isBlank() ? "" : " (" + d.comment() + ")"))));
        r.signOff().ifPresent(d -> history.add(new ListItem(TimeFormats.utc(d.at()) + " " + d.approverName()
                + ": signed off (" + d.comment() + ")")));
        add(new H2("Access request"),
                new Paragraph(r.requesterName() + " asked for " + r.scopeSummary() + "."),
                new Paragraph("Reason: " + r.reason() + " (" + r.ticket() + ")"),
                RequestGrids.status(r, clock),
                r.grant().map(g -> new Paragraph("Grant: " + RequestGrids.grantLine(g))).orElse(new Paragraph()),
                history);
        if (r.kind() == GrantKind.REVEAL && r.requesterId().equals(user.id()) && r.activeAt(clock.instant())) {
            add(revealSection(user, r));
        }
        add(new Anchor("access/approvals", "Go to approvals"));
    }

    /** One button per granted token; each reveal is audited before the value is shown. */
    private Div revealSection(CurrentUser user, AccessRequest r) {
        Div section = new Div(new H3("Reveal values"), new Paragraph("Each reveal is recorded in the audit trail "
                + "(the token and this grant, never the value). Reveal only what the incident needs."));
        section.setId("reveal-section");
        for (String token : r.tokens().stream().sorted().toList()) {
            Span value = new Span();
            value.addClassName("revealed-value");
            Button reveal = new Button("Reveal", click -> {
                try {
                    value.setText(String.join(", ", reveals.reveal(user, token).values()));
                    if (value.getText().isEmpty()) {
                        value.setText("(no value is known for this token)");
                    }
                } catch (AccessDeniedException e) {
                    value.setText("Not revealed: " + e.getMessage());
                }
                click.getSource().setEnabled(false);
            });
            reveal.addThemeVariants(ButtonVariant.LUMO_SMALL);
            Div row = new Div(new Span(token), reveal, value);
            row.addClassName("reveal-row");
            section.add(row);
        }
        return section;
    }
}
