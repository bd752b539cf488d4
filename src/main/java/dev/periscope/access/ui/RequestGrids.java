package dev.periscope.access.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import dev.periscope.access.AccessRequest;
import dev.periscope.access.Durations;
import dev.periscope.access.Grant;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The columns every list of access requests shares. */
final class RequestGrids {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private RequestGrids() {
    }

    static Grid<AccessRequest> grid(String id, Clock clock, boolean showRequester) {
        Grid<AccessRequest> grid = new Grid<>();
        grid.setId(id);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.addColumn(r -> TIME.format(r.createdAt())).setHeader("Requested").setAutoWidth(true);
        if (showRequester) {
            grid.addColumn(AccessRequest::requesterName).setHeader("Requester").setAutoWidth(true);
        }
        grid.addColumn(AccessRequest::scopeSummary).setHeader("Scope").setFlexGrow(1);
        grid.addColumn(r -> r.reason() + " (" + r.ticket() + ")").setHeader("Reason").setFlexGrow(2);
        grid.addComponentColumn(r -> status(r, clock)).setHeader("Status").setAutoWidth(true);
        grid.addColumn(r -> r.grant().map(g -> TIME.format(g.expiresAt())).orElse(
                Durations.human(r.duration()) + " once granted")).setHeader("Until").setAutoWidth(true);
        grid.addColumn(r -> r.notification().state()).setHeader("Approvers told").setAutoWidth(true);
        // The request's own page: its history, and the reveal buttons of a reveal grant.
        grid.addComponentColumn(r -> new Anchor("access/requests/" + r.id(), "Open")).setHeader("").setAutoWidth(true);
        return grid;
    }

    static Span status(AccessRequest r, Clock clock) {
        String text = switch (r.status()) {
            case PENDING -> "pending " + r.approvals() + "/" + r.approvalsNeeded();
            case GRANTED -> r.activeAt(clock.instant()) ? "active" : "ended";
            default -> r.status().name().toLowerCase(java.util.Locale.ROOT);
        };
        if (r.needsReview()) {
            text += " · needs review";
        }
        Span badge = new Span(text);
        badge.getElement().getThemeList().add("badge");
        if (r.emergency()) {
            badge.getElement().getThemeList().add("error");
        } else if (r.activeAt(clock.instant())) {
            badge.getElement().getThemeList().add("success");
        }
        return badge;
    }

    static String grantLine(Grant g) {
        return g.summary() + " until " + TIME.format(g.expiresAt());
    }
}
