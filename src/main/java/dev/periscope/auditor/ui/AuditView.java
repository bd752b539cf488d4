package dev.periscope.auditor.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import dev.periscope.access.AccessRequest;
import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditEvent;
import dev.periscope.audit.AuditQuery;
import dev.periscope.auditor.AuditorWorkspace;
import dev.periscope.base.ExportFormat;
import dev.periscope.base.TimeFormats;
import dev.periscope.security.CurrentUser;
import dev.periscope.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The auditor's workspace: the integrity of the trail, every audited action searchable and filterable, the riskiest
 * ones a click away, one user's timeline, the history of access grants, and export of any filtered set.
 */
@Route("audit")
@PageTitle("Audit")
@Menu(order = 70, icon = "vaadin:clipboard-check", title = "Audit")
@RolesAllowed(Roles.AUDITOR)
class AuditView extends Div {

    /** Shortcuts to the events an auditor looks at first. */
    enum Risk {
        ALL("All events"),
        DENIALS("Denials"),
        PROBES("Probe refusals"),
        REVEALS("Reveals"),
        BREAK_GLASS("Break glass");

        final String label;

        Risk(String label) {
            this.label = label;
        }
    }

    /** Time range presets; the end is "now" at the moment the filter is applied, so paging stays stable. */
    enum Range {
        HOUR("Last hour", Duration.ofHours(1)),
        DAY("Last 24 hours", Duration.ofDays(1)),
        WEEK("Last 7 days", Duration.ofDays(7)),
        MONTH("Last 30 days", Duration.ofDays(30)),
        ALL("All time", Duration.ZERO);

        final String label;
        final Duration length;

        Range(String label, Duration length) {
            this.label = label;
            this.length = length;
        }
    }

    /** The action a reveal of a token's value is recorded under. */
    static final String REVEAL_ACTION = dev.periscope.access.TokenReveal.ACTION;
    static final String BREAK_GLASS_ACTION = "access.breakglass";
    private static final int MAX_COUNT = 10_000_000;

    private final AuditorWorkspace workspace;
    private final CurrentUser user;
    private final Clock clock;
    private final TextField userFilter = new TextField("User");
    private final TextField actionFilter = new TextField("Action");
    private final TextField serviceFilter = new TextField("Service");
    private final ComboBox<AuditEntry.Decision> decisionFilter = new ComboBox<>("Decision");
    private final TextField grantFilter = new TextField("Grant");
    private final Select<Range> rangeFilter = new Select<>();
    private final TextField textFilter = new TextField("Query text");
    private final RadioButtonGroup<Risk> risk = new RadioButtonGroup<>();
    private final Checkbox oldestFirst = new Checkbox("Oldest first (timeline)");
    private final Span hits = new Span();
    private final Grid<AuditEvent> events = new Grid<>();
    private final Grid<AccessRequest> grants = new Grid<>();
    private final RadioButtonGroup<String> grantScope = new RadioButtonGroup<>();
    private volatile AuditQuery current = AuditQuery.all(1);
    private volatile long total;

    AuditView(AuditorWorkspace workspace, Clock clock) {
        this.workspace = workspace;
        this.clock = clock;
        this.user = CurrentUser.get().orElseThrow();
        addClassName("page");
        setId("audit-workspace");
        hits.setId("audit-hits");

        add(new H2("Audit"), new IntegrityPanel(workspace, user), new H3("Events"), risk, filters(), exports(), hits,
                eventGrid(), new H3("Access grants"), grantScope, grantGrid());
        apply();
        showGrants();
    }

    private HorizontalLayout filters() {
        userFilter.setId("filter-user");
        actionFilter.setId("filter-action");
        actionFilter.setPlaceholder("logs.search");
        serviceFilter.setId("filter-service");
        decisionFilter.setId("filter-decision");
        decisionFilter.setItems(Decisions::matches, AuditEntry.Decision.values());
        decisionFilter.setItemLabelGenerator(Decisions::label);
        decisionFilter.setClearButtonVisible(true);
        grantFilter.setId("filter-grant");
        grantFilter.setPlaceholder("ar-…");
        rangeFilter.setId("filter-range");
        rangeFilter.setLabel("Time");
        rangeFilter.setItems(Range.values());
        rangeFilter.setItemLabelGenerator(r -> r.label);
        rangeFilter.setValue(Range.WEEK);
        textFilter.setId("filter-text");
        textFilter.setPlaceholder("words in the masked query or reason");
        for (TextField field : List.of(userFilter, actionFilter, serviceFilter, grantFilter, textFilter)) {
            field.setClearButtonVisible(true);
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.addValueChangeListener(e -> changed(e.isFromClient()));
        }
        decisionFilter.addValueChangeListener(e -> changed(e.isFromClient()));
        rangeFilter.addValueChangeListener(e -> apply());
        oldestFirst.setId("oldest-first");
        oldestFirst.addValueChangeListener(e -> events.getDataProvider().refreshAll());

        risk.setId("risk-filter");
        risk.setItems(Risk.values());
        risk.setItemLabelGenerator(r -> r.label);
        risk.setValue(Risk.ALL);
        risk.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                quickFilter(e.getValue() == null ? Risk.ALL : e.getValue());
            }
        });

        Button refresh = new Button("Refresh", e -> apply());
        refresh.setId("refresh-events");
        // The free-text filter comes first and takes what its line leaves, so its hint is never cut; at 1280
        // pixels the fields fall into two lines with room to spare.
        textFilter.setMinWidth("18rem");
        HorizontalLayout row = new HorizontalLayout(textFilter, userFilter, actionFilter, serviceFilter,
                decisionFilter, grantFilter, rangeFilter, oldestFirst, refresh);
        row.setWrap(true);
        row.setWidthFull();
        row.setFlexGrow(1, textFilter);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        return row;
    }

    private HorizontalLayout exports() {
        return new HorizontalLayout(download(ExportFormat.CSV), download(ExportFormat.NDJSON),
                new Span("Exports the filtered set, at most "
                        + String.format(Locale.ROOT, "%,d", AuditorWorkspace.MAX_EXPORT_ROWS)
                        + " rows; the export is itself audited."));
    }

    private Anchor download(ExportFormat format) {
        DownloadHandler handler = event -> {
            // Read once: the filter may change in the browser while the file is written.
            AuditQuery filter = current;
            event.setFileName("audit-" + clock.instant().toString().replace(':', '-') + "." + format.extension());
            event.setContentType(format.contentType());
            workspace.export(user, filter, format, event.getOutputStream());
        };
        Anchor anchor = new Anchor(handler, "Export " + format.name());
        anchor.setId("export-" + format.extension());
        return anchor;
    }

    private Grid<AuditEvent> eventGrid() {
        events.setId("audit-events");
        events.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        events.setPageSize(100);
        // Short values (times, names, actions, decisions, counts) take the width they need and are never cut; the
        // services, query, reason and grant id share what is left, with the whole text in a tooltip and in the
        // event's dialog. The count of results sits beside the decision, so it stays in view at 1280 pixels even when
        // long actions and denials leave too little room and the last columns scroll.
        events.addColumn(e -> TimeFormats.utcCell(e.time())).setHeader(TimeFormats.utcHeader("Time")).setAutoWidth(true)
                .setFlexGrow(0);
        Grid.Column<AuditEvent> userColumn = events.addComponentColumn(e -> {
            Button name = new Button(e.userId(), x -> timelineOf(e.userId()));
            name.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            name.addClassName("audit-user");
            return name;
        }).setHeader("User").setAutoWidth(true).setFlexGrow(0);
        events.addColumn(AuditEvent::action).setHeader("Action").setAutoWidth(true).setFlexGrow(0);
        events.addComponentColumn(e -> Decisions.badge(e.decision())).setHeader("Decision").setAutoWidth(true).setFlexGrow(0);
        events.addColumn(e -> e.outcome().map(o -> String.valueOf(o.count())).orElse(""))
                .setHeader("Results").setAutoWidth(true).setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
        events.addColumn(e -> String.join(", ", e.services())).setHeader("Services").setWidth("5rem").setFlexGrow(1)
                .setTooltipGenerator(e -> String.join(", ", e.services()));
        events.addColumn(AuditEvent::maskedQuery).setHeader("Query (masked)").setWidth("7rem").setFlexGrow(3)
                .setTooltipGenerator(AuditEvent::maskedQuery);
        events.addColumn(AuditEvent::reason).setHeader("Reason").setWidth("5rem").setFlexGrow(2)
                .setTooltipGenerator(AuditEvent::reason);
        events.addColumn(e -> e.grantId().orElse("")).setHeader("Grant").setWidth("6rem").setFlexGrow(1)
                .setTooltipGenerator(e -> e.grantId().orElse(""));
        events.getColumns().forEach(c -> c.setResizable(true));
        events.addItemClickListener(e -> {
            // A click on the user's name opens their timeline instead.
            if (e.getColumn() != userColumn) {
                open(e.getItem());
            }
        });
        events.setEmptyStateText("No events match these filters");
        events.setItems(query -> fetch(query.getOffset(), query.getLimit()), query -> (int) Math.min(total, MAX_COUNT));
        return events;
    }

    private Stream<AuditEvent> fetch(int offset, int limit) {
        if (limit <= 0 || offset >= total) {
            return Stream.empty();
        }
        if (!oldestFirst.getValue()) {
            return workspace.search(user, current.page(offset, limit)).events().stream();
        }
        // The search answers newest first: the oldest-first page at [offset, offset+limit) is the newest-first page
        // at the mirrored position, reversed.
        long end = total - offset;
        long start = Math.max(0, end - limit);
        List<AuditEvent> page = new ArrayList<>(workspace.search(user, current.page((int) start, (int) (end - start)))
                .events());
        Collections.reverse(page);
        return page.stream();
    }

    private void open(AuditEvent row) {
        AuditEvent full = workspace.find(user, row.id()).orElse(row);
        new AuditEventDialog(full, this::timelineOf, this::actionsUnder).open();
    }

    /** Applies the filter fields; the time range ends now, so new records do not shift the pages being read. */
    private void apply() {
        Instant now = clock.instant();
        Range range = Optional.ofNullable(rangeFilter.getValue()).orElse(Range.ALL);
        AuditQuery q = AuditQuery.all(1);
        q = range == Range.ALL ? q.between(Instant.EPOCH, now.plusMillis(1)) : q.between(now.minus(range.length),
                now.plusMillis(1));
        if (!userFilter.getValue().isBlank()) {
            q = q.withUser(userFilter.getValue().strip());
        }
        if (!actionFilter.getValue().isBlank()) {
            q = q.withAction(actionFilter.getValue().strip());
        }
        if (!serviceFilter.getValue().isBlank()) {
            q = q.withService(serviceFilter.getValue().strip());
        }
        if (decisionFilter.getValue() != null) {
            q = q.withDecision(decisionFilter.getValue());
        }
        if (!grantFilter.getValue().isBlank()) {
            q = q.withGrant(grantFilter.getValue().strip());
        }
        if (!textFilter.getValue().isBlank()) {
            q = q.withText(textFilter.getValue().strip());
        }
        current = q;
        total = workspace.search(user, q.page(0, 1)).totalHits();
        hits.setText(total == 1 ? "1 event" : total + " events");
        events.getDataProvider().refreshAll();
        // The grid sizes its auto-width columns once, from the first rows it shows; other rows may hold longer
        // actions or user names.
        events.recalculateColumnWidths();
    }

    /** A filter the auditor edits by hand no longer matches a quick filter's label. */
    private void changed(boolean byAuditor) {
        if (byAuditor) {
            risk.setValue(Risk.ALL);
        }
        apply();
    }

    private void quickFilter(Risk choice) {
        decisionFilter.setValue(switch (choice) {
            case DENIALS -> AuditEntry.Decision.DENIED;
            case PROBES -> AuditEntry.Decision.PROBE_REFUSED;
            default -> null;
        });
        actionFilter.setValue(switch (choice) {
            case REVEALS -> REVEAL_ACTION;
            case BREAK_GLASS -> BREAK_GLASS_ACTION;
            default -> "";
        });
        apply();
    }

    /** One user's actions in the order they happened. */
    private void timelineOf(String userId) {
        userFilter.setValue(userId);
        oldestFirst.setValue(true);
        apply();
    }

    /** What was done under one grant: the review of a break-glass or any elevated access. */
    private void actionsUnder(String grantId) {
        grantFilter.setValue(grantId);
        apply();
    }

    private Grid<AccessRequest> grantGrid() {
        grantScope.setId("grant-scope");
        grantScope.setItems("All requests", "Break glass", "Emergency access awaiting review");
        grantScope.setValue("All requests");
        grantScope.addValueChangeListener(e -> showGrants());
        grants.setId("grant-history");
        // Few rows, each read in full: long text wraps rather than being cut.
        grants.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES,
                GridVariant.LUMO_WRAP_CELL_CONTENT);
        grants.setAllRowsVisible(true);
        grants.addColumn(r -> TimeFormats.utcCell(r.createdAt())).setHeader(TimeFormats.utcHeader("Requested")).setAutoWidth(true)
                .setFlexGrow(0);
        grants.addColumn(AccessRequest::requesterId).setHeader("Requester").setAutoWidth(true).setFlexGrow(0);
        grants.addColumn(AccessRequest::scopeSummary).setHeader("Scope").setWidth("8rem").setFlexGrow(1);
        grants.addColumn(r -> r.reason() + " (" + r.ticket() + ")").setHeader("Reason").setWidth("10rem")
                .setFlexGrow(2);
        grants.addComponentColumn(AuditView::status).setHeader("Status").setAutoWidth(true).setFlexGrow(0);
        grants.addColumn(r -> r.grant().map(g -> TimeFormats.utcCell(g.startsAt()) + " – " + TimeFormats.utcCell(g.expiresAt()))
                .orElse("")).setHeader(TimeFormats.utcHeader("Granted")).setWidth("11rem").setFlexGrow(0);
        grants.addColumn(r -> r.decisions().stream().map(d -> d.action() + " by " + d.approverId())
                .collect(Collectors.joining(", "))
                + r.signOff().map(s -> (r.decisions().isEmpty() ? "" : ", ") + "signed off by " + s.approverId())
                        .orElse("")).setHeader("Decisions").setWidth("8rem").setFlexGrow(1);
        grants.addComponentColumn(r -> {
            Button actions = new Button("Actions under it", e -> actionsUnder(r.id()));
            actions.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            actions.setVisible(r.grant().isPresent());
            return actions;
        }).setAutoWidth(true).setFlexGrow(0);
        grants.getColumns().forEach(c -> c.setResizable(true));
        return grants;
    }

    private void showGrants() {
        String scope = Optional.ofNullable(grantScope.getValue()).orElse("All requests");
        grants.setEmptyStateText(switch (scope) {
            case "Break glass" -> "No break-glass access";
            case "Emergency access awaiting review" -> "No emergency access awaiting review";
            default -> "No access requests";
        });
        grants.setItems(workspace.grantHistory(user).stream()
                .filter(r -> switch (scope) {
                    case "Break glass" -> r.emergency();
                    case "Emergency access awaiting review" -> r.needsReview();
                    default -> true;
                }).toList());
        grants.recalculateColumnWidths();
    }

    static Span status(AccessRequest r) {
        Span badge = new Span(r.status().label()
                + (r.emergency() ? " · Break glass" : "") + (r.needsReview() ? " · Needs review" : ""));
        badge.getElement().getThemeList().add("badge");
        if (r.emergency()) {
            badge.getElement().getThemeList().add("error");
        }
        return badge;
    }
}
