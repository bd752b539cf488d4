package dev.periscope.access.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import dev.periscope.access.AccessRequest;
import dev.periscope.access.Grant;
import dev.periscope.base.TimeFormats;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The columns every list of access requests shares. Times are in UTC, as grants and the audit trail state them. */
final class RequestGrids {

    /** Room for a date over its time (or a few short words) in a compact grid. */
    private static final String TIME_WIDTH = "7rem";

    private RequestGrids() {
    }

    /**
     * @param whenEmpty what the grid says when it has no rows ("No pending requests"), so an empty list reads as
     *     nothing to do rather than as a page that failed to load
     */
    static Grid<AccessRequest> grid(String id, Clock clock, boolean showRequester, String whenEmpty) {
        Grid<AccessRequest> grid = new Grid<>();
        grid.setId(id);
        grid.setEmptyStateText(whenEmpty);
        // Few rows, each read in full, and the approver's buttons in view at 1280 pixels: scope and reason wrap rather
        // than being cut, times break between date and time, and names and states take the width they need.
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.addColumn(r -> TimeFormats.utcCell(r.createdAt())).setHeader(TimeFormats.utcHeader("Requested"))
                .setWidth(TIME_WIDTH).setFlexGrow(0);
        if (showRequester) {
            grid.addColumn(AccessRequest::requesterName).setHeader("Requester").setAutoWidth(true).setFlexGrow(0);
        }
        grid.addColumn(AccessRequest::scopeSummary).setHeader("Scope").setWidth("6rem").setFlexGrow(1);
        grid.addColumn(r -> r.reason() + " (" + r.ticket() + ")").setHeader("Reason").setWidth("7rem").setFlexGrow(2);
        grid.addComponentColumn(r -> status(r, clock)).setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> r.grant().map(g -> TimeFormats.utcCell(g.expiresAt())).orElse(
                TimeFormats.duration(r.duration()) + " once granted")).setHeader(TimeFormats.utcHeader("Until"))
                .setWidth(TIME_WIDTH).setFlexGrow(0);
        grid.addColumn(r -> r.notification().state()).setHeader("Approvers told").setWidth(TIME_WIDTH)
                .setFlexGrow(0);
        // The request's own page: its history, and the reveal buttons of a reveal grant.
        grid.addComponentColumn(r -> new Anchor("access/requests/" + r.id(), "Open")).setHeader("").setAutoWidth(true)
                .setFlexGrow(0);
        grid.getColumns().forEach(c -> c.setResizable(true));
        return grid;
    }

    /** Shows new rows; the grid sizes its auto-width columns once, from its first rows, unless told again. */
    static void show(Grid<AccessRequest> grid, List<AccessRequest> rows) {
        grid.setItems(rows);
        grid.recalculateColumnWidths();
    }

    static Span status(AccessRequest r, Clock clock) {
        String text = switch (r.status()) {
            case PENDING -> "Pending " + r.approvals() + "/" + r.approvalsNeeded();
            case GRANTED -> r.activeAt(clock.instant()) ? "Active" : "Ended";
            default -> r.status().label();
        };
        if (r.needsReview()) {
            text += " · Needs review";
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
        return g.summary() + " until " + TimeFormats.utc(g.expiresAt());
    }
}
