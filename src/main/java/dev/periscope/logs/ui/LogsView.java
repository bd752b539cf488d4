package dev.periscope.logs.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.base.TimeRangeChoice;
import dev.periscope.base.TimeRangeSelect;
import dev.periscope.logs.LiveAccess;
import dev.periscope.logs.LogAccess;
import dev.periscope.logs.LogAccessDeniedException;
import dev.periscope.logs.LogAccessResolver;
import dev.periscope.logs.LogContext;
import dev.periscope.logs.LogHistogram;
import dev.periscope.logs.LogOrder;
import dev.periscope.logs.LogPage;
import dev.periscope.logs.LogQuery;
import dev.periscope.logs.LogService;
import dev.periscope.logs.LogsProperties;
import dev.periscope.logs.LogTopValues;
import dev.periscope.logs.MaskedLogEvent;
import dev.periscope.logs.QueryHistory;
import dev.periscope.logs.QueryProbeRefusedException;
import dev.periscope.logs.query.InvalidQueryException;
import dev.periscope.logs.query.BackendUnavailableException;
import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryTimeoutException;
import dev.periscope.base.TimeExpressions;
import dev.periscope.base.TimeFormats;
import dev.periscope.security.CurrentUser;
import dev.periscope.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Log search: query bar and time range, a histogram to zoom with, newest-first results loaded as you scroll, the
 * fields' top values to filter by, and each event's details and surroundings. The URL always holds the query,
 * range and selected event, so a pasted link opens the same view (within the reader's own scope).
 */
@Route("logs")
@PageTitle("Logs")
@Menu(order = 10, icon = "vaadin:search", title = "Logs")
@RolesAllowed({Roles.DEVELOPER, Roles.ONCALL})
class LogsView extends Div implements BeforeEnterObserver {

    /** Rows of the first page; fewer when the configuration or the store serves fewer. */
    private static final int PAGE = 200;
    private static final List<String> SIDEBAR_FIELDS = List.of("service", "level");

    private final LogService logs;
    private final LogAccessResolver accessResolver;
    private final Clock clock;

    private final TextField query = new TextField();
    private final TimeRangeSelect range = new TimeRangeSelect(picked -> {
        choice = picked;
        search();
    });
    private final Span summary = new Span();
    private final Paragraph error = new Paragraph();
    private final Histogram histogram;
    private final Grid<MaskedLogEvent> grid = new Grid<>();
    private final Grid.Column<MaskedLogEvent> timeColumn;
    private final ColumnFit<MaskedLogEvent> serviceFit;
    private final ColumnFit<MaskedLogEvent> levelFit;
    private final Div sidebar = new Div();
    private final EventDetails details = new EventDetails();
    /** The sidebar's and the drawer's "+" and "−": a clause added to the query, then a search. */
    private final EventDetails.Filter filter = this::addFilter;
    private final QueryHistory history;
    private final QueryAssist assist;
    private final ExportLinks exportLinks;
    private final LiveTail liveTail;
    private final BackgroundSearch searching;
    private final BackgroundSearch contextLoading;
    private final LazyResults rows;

    private ZoneId zone = ZoneOffset.UTC;
    private TimeRangeChoice choice = TimeRangeChoice.DEFAULT;
    private Optional<String> selectedEvent = Optional.empty();
    private LogQuery current = new LogQuery("", Instant.EPOCH, Instant.EPOCH);

    LogsView(LogService logs, LogAccessResolver accessResolver, LogsProperties properties, QueryHistory history,
             Clock clock) {
        this.logs = logs;
        this.history = history;
        this.accessResolver = accessResolver;
        this.clock = clock;
        addClassName("logs-view");
        searching = new BackgroundSearch(logs::newControl);
        // Its own runner, so opening the surrounding events does not cancel a search that is running.
        contextLoading = new BackgroundSearch(logs::newControl);
        contextLoading.setId("context-progress");
        assist = new QueryAssist(query, () -> CurrentUser.get().map(u -> history.recent(u.id())).orElse(List.of()),
                text -> {
                    query.setValue(text);
                    search();
                });
        exportLinks = new ExportLinks(logs, this::liveAccess, () -> current, clock, properties.exportMaxRows());
        liveTail = new LiveTail(logs, grid, error::setText);
        liveTail.onStartRequested(this::goLive);
        histogram = new Histogram(this::zoom);
        rows = new LazyResults(grid, logs::newControl, logs.maxPageSize(),
                e -> error.setText("Older events could not be loaded. " + reason(e)));

        query.setId("query");
        query.setPlaceholder("service:checkout AND level:ERROR AND \"timed out\"");
        query.setPrefixComponent(VaadinIcon.SEARCH.create());
        query.setClearButtonVisible(true);
        query.addKeyPressListener(Key.ENTER, e -> search());
        query.addClassName("query-field");
        Button run = new Button("Search", e -> search());
        run.setId("run-query");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        summary.setId("result-summary");
        error.setId("query-error");
        error.addClassName("form-error");

        grid.setId("results");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        timeColumn = grid.addColumn(e -> TimeFormats.dateTimeMillis(e.timestamp(), zone))
                .setHeader(TimeFormats.header("Time", zone)).setAutoWidth(true).setFlexGrow(0);
        // Service and level are as wide as their longest value loaded, the message takes the rest.
        serviceFit = new ColumnFit<>(grid.addColumn(MaskedLogEvent::service), "Service", MaskedLogEvent::service);
        levelFit = new ColumnFit<>(grid.addColumn(MaskedLogEvent::level), "Level", MaskedLogEvent::level);
        rows.onRowsAdded(this::fitColumns);
        liveTail.onRowsAdded(this::fitColumns);
        grid.addColumn(e -> firstLines(e.message().text())).setHeader("Message").setWidth("8rem").setFlexGrow(1)
                .setPartNameGenerator(e -> "message-cell");
        grid.getColumns().forEach(c -> c.setResizable(true));
        grid.setPartNameGenerator(e -> "level-" + e.level().toLowerCase(Locale.ROOT));
        grid.addItemClickListener(e -> select(e.getItem()));

        sidebar.setId("field-sidebar");
        sidebar.addClassName("field-sidebar");
        HorizontalLayout bar = new HorizontalLayout(query, range, run);
        bar.setWidthFull();
        bar.setFlexGrow(1, query);
        Div results = new Div(grid, rows);
        results.addClassName("results");
        Div body = new Div(sidebar, results, details);
        body.addClassName("logs-body");
        HorizontalLayout status = new HorizontalLayout(summary, searching, contextLoading, liveTail, exportLinks);
        status.addClassName("result-status");
        status.setWidthFull();
        status.setAlignItems(FlexComponent.Alignment.CENTER);
        status.setFlexGrow(1, summary);
        add(bar, assist, error, status, histogram, body);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        // Show times in the browser's zone; the API and the URL stay in UTC.
        attachEvent.getUI().getPage().retrieveExtendedClientDetails(details -> {
            zone = TimeFormats.zone(details.getTimeZoneId()).orElse(ZoneOffset.UTC);
            timeColumn.setHeader(TimeFormats.header("Time", zone));
            grid.getDataProvider().refreshAll();
        });
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> params = event.getLocation().getQueryParameters().getParameters();
        query.setValue(first(params, "q").orElse(""));
        choice = TimeRangeChoice.of(first(params, "from").orElse(TimeRangeChoice.DEFAULT.from()),
                first(params, "to").orElse(TimeRangeChoice.DEFAULT.to()));
        range.show(choice);
        selectedEvent = first(params, "event");
        search();
    }

    private void search() {
        liveTail.stop();
        rows.stop();
        error.setText("");
        Optional<LiveAccess> access = liveAccess();
        exportLinks.showFor(access.map(LiveAccess::startedWith));
        if (access.isEmpty()) {
            summary.setText("Your roles give you no access to logs. Request access on the Access page.");
            return;
        }
        LogQuery next;
        try {
            next = queryOf(query.getValue().strip(), choice, clock);
        } catch (InvalidQueryException e) {
            markStale();
            error.setText(e.getMessage());
            return;
        }
        assist.hide();
        // The URL names the search as soon as it starts, so a link copied while it runs opens the same search.
        updateUrl(next.text());
        LiveAccess held = access.get();
        LogAccess reader = held.startedWith();
        summary.setText("Searching…");
        searching.run(control -> Results.fetch(logs, reader, next, firstPageSize(logs), control), results -> {
            // The shown rows, lazy paging, export and live tail switch to the new query only once it has answered.
            current = next;
            history.remember(reader.actor().userId(), next.text());
            show(results, held, next);
        }, this::explain);
    }

    /**
     * The query the view runs for the search box and the chosen range. A range that ends before it starts (a
     * hand-made link such as {@code from=now&to=now-1h}) is a bad query like any other: the reader is told, and the
     * page stays usable.
     */
    static LogQuery queryOf(String text, TimeRangeChoice choice, Clock clock) {
        Instant from = time(choice.from(), clock);
        Instant to = time(choice.to(), clock);
        if (to.isBefore(from)) {
            throw new InvalidQueryException("The time range ends before it starts ('to' " + choice.to()
                    + " is before 'from' " + choice.from() + "). Pick another range.");
        }
        return new LogQuery(text, from, to);
    }

    /** How many rows the first page of a search asks for. */
    static int firstPageSize(LogService logs) {
        return Math.min(PAGE, logs.maxPageSize());
    }

    /**
     * What one search shows, computed on the search thread.
     *
     * @param fieldsNote why the sidebar lacks some fields' values; empty when nothing failed
     */
    record Results(LogHistogram histogram, LogPage page, List<LogTopValues> fields, Optional<String> fieldsNote) {

        static Results fetch(LogService logs, LogAccess access, LogQuery query, int pageSize, QueryControl control) {
            LogHistogram histogram = logs.histogram(access, query, Optional.empty(), control.renewed());
            LogPage page = logs.search(access, query, pageSize, LogOrder.NEWEST_FIRST, Optional.empty(),
                    control.renewed());
            // Events show names no query accepts (a key masked with a token in it, a name ingest kept under a safe
            // prefix, a field outside allowed-fields): those are left out of the sidebar rather than asked for.
            Set<String> names = new LinkedHashSet<>();
            Stream.concat(SIDEBAR_FIELDS.stream(), page.events().stream().limit(50)
                            .flatMap(e -> e.fields().asMap().keySet().stream()))
                    .map(logs::searchableField).flatMap(Optional::stream).forEach(names::add);
            List<LogTopValues> fields = new ArrayList<>();
            Optional<String> note = Optional.empty();
            // The events and the histogram stand without the sidebar: a field whose values cannot be read leaves a
            // note there, not an error in place of the results.
            for (String field : names.stream().limit(8).toList()) {
                try {
                    fields.add(logs.topValues(access, query, field, 5, control.renewed()));
                } catch (InvalidQueryException e) {
                    // The store refused this one field (one it cannot count by); the next may be fine.
                    note = Optional.of("The values of " + field + " cannot be listed. " + e.getMessage());
                } catch (RuntimeException e) {
                    // A time limit, a cancel, the store or the audit trail: the next field would most likely fail
                    // the same way, so none is asked for after it.
                    note = Optional.of("Field values could not all be loaded. " + reason(e));
                    break;
                }
            }
            return new Results(histogram, page, fields, note);
        }
    }

    /**
     * What an empty result most likely means: a service named in the query lies outside the user's access (the
     * scope filter answers it with nothing, as if the service had not logged), or the range is too short.
     */
    private String whyEmpty(LogAccess reader, LogQuery shown) {
        List<String> outside = logs.servicesOutsideAccess(reader, shown);
        if (!outside.isEmpty()) {
            return String.join(", ", outside) + (outside.size() == 1 ? " is outside your access, so its events are"
                    : " are outside your access, so their events are") + " not shown. Request access on the Access page.";
        }
        return "No events match in this range. Try a longer range or fewer conditions.";
    }

    /** Why any part of the results (events, histogram, field values) may be incomplete, each reason once. */
    private static String partialNote(Results results) {
        Set<String> reasons = new LinkedHashSet<>();
        results.page().partial().ifPresent(reasons::add);
        results.histogram().partial().ifPresent(reasons::add);
        results.fields().forEach(f -> f.partial().ifPresent(reasons::add));
        return reasons.stream().map(p -> " · " + p).collect(java.util.stream.Collectors.joining());
    }

    private void show(Results results, LiveAccess held, LogQuery shown) {
        LogAccess reader = held.startedWith();
        dimResults(false);
        LogPage first = results.page();
        histogram.show(results.histogram(), shown.from(), shown.to(), zone);
        // Further pages go through the same audited search and query. The reader's access is asked for again before
        // each: when a grant has ended or been revoked since the first page, paging stops with a notice rather than
        // going on under the old access (or mixing rows of two accesses in one list); searching again shows what the
        // access gives now.
        rows.show(first, (cursor, size, control) -> logs.search(held, shown, size, LogOrder.NEWEST_FIRST, cursor,
                control));
        serviceFit.reset();
        levelFit.reset();
        fitColumns(first.events());
        // The most frequent values of the whole result, not only of its first page.
        serviceFit.fitValues(topValues(results, "service"));
        levelFit.fitValues(topValues(results, "level"));
        summary.setText(first.total() + (first.totalExact() ? "" : "+") + " events · " + choice.label()
                + (first.withheld() > 0 ? " · " + first.withheld() + " withheld (masking failed)" : "")
                + partialNote(results) + (first.total() == 0 ? " · " + whyEmpty(reader, shown) : ""));
        showSidebar(results.fields(), results.fieldsNote());
        Set<String> names = new LinkedHashSet<>(List.of("service", "level", "message", "source"));
        first.events().forEach(e -> names.addAll(e.fields().asMap().keySet()));
        Map<String, List<String>> values = new LinkedHashMap<>();
        results.fields().forEach(f -> values.put(f.field(), texts(f)));
        assist.learn(names, values);
        updateUrl();
        selectedEvent.ifPresent(id -> first.events().stream().filter(e -> e.id().equals(id)).findFirst()
                .ifPresentOrElse(this::select, () -> openLinked(reader, id)));
    }

    /**
     * Opens a linked event that is not among the first rows (an old event, or one from another page's link): fetched
     * by id through the log service, so only within the reader's scope, masked and audited.
     */
    private void openLinked(LogAccess reader, String id) {
        searching.run(control -> logs.event(reader, id, control), found -> found.ifPresentOrElse(this::select,
                        () -> dropLink("The linked event cannot be shown: it is outside what your access lets you see,"
                                + " or it is no longer kept.")),
                e -> dropLink("The linked event could not be opened. " + reason(e)));
    }

    /** Says why the linked event did not open, and takes it out of the URL so later searches do not try again. */
    private void dropLink(String why) {
        error.setText(why);
        selectedEvent = Optional.empty();
        updateUrl();
    }

    private void explain(RuntimeException e) {
        if (e instanceof QueryTimeoutException t && t.cancelled()) {
            // Not an error: the reader asked for it.
            summary.setText("Search cancelled. Change the query, or press Search to run it again.");
            return;
        }
        markStale();
        error.setText(reason(e));
    }

    /**
     * After a search that failed, the previous search's results stay (a typo should not wipe the page during an
     * incident), but dimmed and labelled as such, so nobody reads them as the answer to the query now in the box.
     */
    private void markStale() {
        boolean shown = !current.from().equals(Instant.EPOCH);
        summary.setText(shown ? "Below: the results of the previous search (" + describe(current) + ")." : "");
        dimResults(shown);
    }

    private void dimResults(boolean dim) {
        for (var part : List.of(grid, histogram, sidebar)) {
            part.getStyle().set("opacity", dim ? "0.45" : null);
        }
    }

    private static String describe(LogQuery shown) {
        return shown.text().isBlank() ? "all events" : "\u201c" + shown.text() + "\u201d";
    }

    /** What the reader is told when a read failed: the same words wherever the read came from. */
    static String reason(RuntimeException e) {
        if (e instanceof QueryTimeoutException t) {
            return t.cancelled() ? "The search was cancelled."
                    : "The query took too long. Narrow the time range or the query.";
        } else if (e instanceof InvalidQueryException || e instanceof LogAccessDeniedException
                || e instanceof QueryProbeRefusedException || e instanceof BackendUnavailableException) {
            return e.getMessage();
        } else if (e instanceof AuditUnavailableException) {
            return "The audit trail cannot record this search, so it was refused. Try again shortly.";
        }
        LoggerFactory.getLogger(LogsView.class).warn("A log search failed unexpectedly", e);
        return "The search failed. Try again shortly.";
    }

    private void goLive() {
        error.setText("");
        if (!choice.relative()) {
            // A live tail adds events newer than now to a range that ended in the past: the histogram, the counts
            // and the rows would each tell a different range.
            error.setText("Live tail follows new events: pick a range up to now (such as Last 15 minutes) first.");
            return;
        }
        Optional<LiveAccess> access = liveAccess();
        if (access.isEmpty()) {
            return;
        }
        try {
            rows.stop();
            liveTail.start(access.get(), current, rows.loaded());
        } catch (InvalidQueryException | LogAccessDeniedException | QueryProbeRefusedException e) {
            error.setText(e.getMessage());
        } catch (AuditUnavailableException e) {
            error.setText("The audit trail cannot record a live tail, so it was refused. Try again shortly.");
        } catch (RuntimeException e) {
            // Finding where to start reads the store: a time limit or a backend that is down is said, not crashed on.
            error.setText("Live tail could not start. " + reason(e));
        }
    }

    private void showSidebar(List<LogTopValues> fields, Optional<String> note) {
        sidebar.removeAll();
        note.ifPresent(why -> {
            Span line = new Span(why);
            line.setId("field-values-note");
            line.addClassName("field-note");
            sidebar.add(line);
        });
        for (LogTopValues top : fields) {
            if (top.values().isEmpty()) {
                continue;
            }
            String field = top.field();
            Div block = new Div(new H4(field));
            block.addClassName("field-block");
            block.getElement().setAttribute("data-field", field);
            for (LogTopValues.Value value : top.values()) {
                String text = value.value().text();
                Span label = new Span(text + " (" + value.count() + ")");
                if (!value.value().searchable()) {
                    // A search for "[REDACTED:card]" or "**** 1111" finds nothing: no in/out for such a value.
                    label.setTitle("Masked without a token: it cannot be searched for.");
                    Div row = new Div(label);
                    row.addClassName("field-value");
                    block.add(row);
                    continue;
                }
                Div row = new Div(label);
                row.add(filter.buttons(field, field, text));
                row.addClassName("field-value");
                block.add(row);
            }
            sidebar.add(block);
        }
    }

    private void addFilter(String field, String value, boolean exclude) {
        String clause = (exclude ? "NOT " : "") + field + ":\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        String existing = query.getValue().strip();
        query.setValue(existing.isEmpty() ? clause : "(" + existing + ") AND " + clause);
        search();
    }

    private void zoom(Instant from, Instant to) {
        choice = TimeRangeChoice.absolute(from, to);
        range.clear();
        search();
    }

    private void select(MaskedLogEvent event) {
        selectedEvent = Optional.of(event.id());
        details.show(event, zone, this::openContext, () -> {
            details.setVisible(false);
            selectedEvent = Optional.empty();
            updateUrl();
        }, logs::searchableField, filter);
        updateUrl();
    }

    /**
     * Reads the events around one event off the UI thread, like a search; a read that fails (audit trail unavailable,
     * time limit, backend down) is explained above the results as a search failure is.
     */
    private void openContext(MaskedLogEvent event) {
        Optional<LogAccess> access = access();
        if (access.isEmpty()) {
            return;
        }
        LogAccess reader = access.get();
        error.setText("");
        contextLoading.run(control -> logs.context(reader, event.id(), 20, 20, control),
                context -> showContext(event, context),
                e -> error.setText(contextFailure(e)));
    }

    /** The shown text of a field's top values in the result; empty when the sidebar has none for it. */
    private static List<String> topValues(Results results, String field) {
        return results.fields().stream().filter(f -> f.field().equals(field)).flatMap(f -> texts(f).stream())
                .toList();
    }

    private static List<String> texts(LogTopValues top) {
        return top.values().stream().map(v -> v.value().text()).toList();
    }

    private void fitColumns(List<MaskedLogEvent> added) {
        serviceFit.fitRows(added);
        levelFit.fitRows(added);
    }

    /** Why the surrounding events did not open; cancelling is the reader's own choice, not a failure. */
    static String contextFailure(RuntimeException e) {
        return e instanceof QueryTimeoutException t && t.cancelled() ? ""
                : "The surrounding events could not be shown. " + reason(e);
    }

    private void showContext(MaskedLogEvent event, Optional<LogContext> context) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Surrounding events · " + event.service());
        dialog.setWidth("min(90vw, 70rem)");
        Grid<MaskedLogEvent> around = new Grid<>();
        around.setId("context-grid");
        around.addThemeVariants(GridVariant.LUMO_COMPACT);
        around.addColumn(e -> TimeFormats.dateTimeMillis(e.timestamp(), zone))
                .setHeader(TimeFormats.header("Time", zone)).setAutoWidth(true).setFlexGrow(0);
        around.addColumn(MaskedLogEvent::level).setHeader("Level").setAutoWidth(true).setFlexGrow(0);
        around.addColumn(e -> firstLines(e.message().text())).setHeader("Message");
        around.setPartNameGenerator(e -> e.id().equals(event.id()) ? "anchor" : null);
        // A surrounding event opens in the details drawer, like a row of the results.
        around.addItemClickListener(e -> {
            dialog.close();
            select(e.getItem());
        });
        context.ifPresentOrElse(c -> around.setItems(Stream.of(c.before().stream(), Stream.of(c.anchor()),
                        c.after().stream()).flatMap(s -> s).toList()),
                () -> around.setItems(List.of()));
        // Open on the event asked about, a few rows of what came before it above: that is where the reader looks.
        context.ifPresent(c -> around.scrollToIndex(Math.max(0, c.before().size() - 3)));
        context.flatMap(LogContext::partial).ifPresent(why -> {
            Span note = new Span(why);
            note.setId("context-partial");
            dialog.add(note);
        });
        dialog.add(around);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        dialog.open();
    }

    private void updateUrl() {
        updateUrl(current.text());
    }

    private void updateUrl(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        if (!text.isEmpty()) {
            params.put("q", text);
        }
        params.put("from", choice.from());
        params.put("to", choice.to());
        selectedEvent.ifPresent(id -> params.put("event", id));
        UI.getCurrent().getPage().getHistory().replaceState(null, new Location("logs", QueryParameters.simple(params)));
    }

    private Optional<LogAccess> access() {
        return liveAccess().map(LiveAccess::startedWith);
    }

    /**
     * The reader's access now, with the way to ask for it again from a background thread (a page loader, the live
     * tail's poller), which has no signed-in user of its own: the user is taken here, on the UI thread.
     */
    private Optional<LiveAccess> liveAccess() {
        return CurrentUser.get().flatMap(user -> {
            Supplier<Optional<LogAccess>> resolve = () -> accessResolver.forUser(user, "logs view");
            return resolve.get().map(now -> new LiveAccess(now, resolve));
        });
    }

    private static Instant time(String expression, Clock clock) {
        return TimeExpressions.parse(expression, clock)
                .orElseThrow(() -> new InvalidQueryException("Not a time: " + expression));
    }

    private static Optional<String> first(Map<String, List<String>> params, String key) {
        return Optional.ofNullable(params.get(key)).flatMap(v -> v.stream().findFirst()).filter(s -> !s.isBlank());
    }

    private static String firstLines(String message) {
        String[] lines = message.split("\n", 4);
        String shown = String.join("\n", java.util.Arrays.copyOf(lines, Math.min(lines.length, 3)));
        return lines.length > 3 ? shown + "\n…" : shown;
    }
}
