package dev.periscope.metrics.ui;

import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.base.TimeRangeChoice;
import dev.periscope.base.TimeRangeSelect;
import dev.periscope.base.TimeExpressions;
import dev.periscope.logs.LogAccess;
import dev.periscope.logs.LogAccessResolver;
import dev.periscope.logs.LogService;
import dev.periscope.metrics.MetricAccess;
import dev.periscope.masking.MaskedText;
import dev.periscope.metrics.Dashboard;
import dev.periscope.metrics.DashboardService;
import dev.periscope.metrics.MetricAccessResolver;
import dev.periscope.metrics.MetricsService;
import dev.periscope.problems.ProblemsService;
import dev.periscope.security.CurrentUser;
import dev.periscope.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Dashboards as code: the list of the user's dashboards, and one dashboard's rows of panels with its time range,
 * variables, auto-refresh and a full-screen TV mode. The URL carries the range and variables. A click on a point
 * opens the logs of that service for that minute.
 */
@Route("dashboards")
@PageTitle("Dashboards")
@Menu(order = 31, icon = "vaadin:dashboard", title = "Dashboards")
@RolesAllowed({Roles.DEVELOPER, Roles.ONCALL})
class DashboardView extends Div implements HasUrlParameter<String> {

    private static final Logger log = LoggerFactory.getLogger(DashboardView.class);
    private static final Map<String, Duration> REFRESH = refreshChoices();

    private final @Nullable DashboardService dashboards;
    private final PanelQueries queries;
    private final @Nullable MetricsService metrics;
    private final MetricAccessResolver access;
    private final Clock clock;
    private final ProblemsPanel problemsPanel;
    private @Nullable Dashboard dashboard;
    private TimeRangeChoice choice = TimeRangeChoice.DEFAULT;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private final List<PanelLoad> panels = new ArrayList<>();
    private final LogPanels logPanels;
    private final LogAccessResolver logAccess;
    private long generation;
    private final Div body = new Div();
    private @Nullable Registration poll;

    DashboardView(ObjectProvider<DashboardService> dashboards, ObjectProvider<MetricsService> metrics,
                  MetricAccessResolver access, Clock clock, ProblemsService problems, LogAccessResolver logAccess,
                  LogService logs) {
        this.dashboards = dashboards.getIfAvailable();
        this.metrics = metrics.getIfAvailable();
        this.access = access;
        this.clock = clock;
        this.problemsPanel = new ProblemsPanel(problems, clock);
        this.queries = new PanelQueries(this.metrics, access, clock);
        this.logPanels = new LogPanels(logs);
        this.logAccess = logAccess;
        addClassName("dashboard-view");
        body.setWidthFull();
        add(body);
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String id) {
        body.removeAll();
        panels.clear();
        Optional<CurrentUser> user = CurrentUser.get();
        if (dashboards == null || user.isEmpty()) {
            body.add(new Paragraph(PanelQueries.NOT_SET_UP));
            return;
        }
        if (id == null || id.isBlank()) {
            showList(user.get());
            return;
        }
        Optional<Dashboard> opened;
        try {
            opened = dashboards.open(user.get(), id);
        } catch (AuditUnavailableException e) {
            body.add(error("The audit trail is unavailable, so no dashboard is shown."));
            return;
        }
        if (opened.isEmpty()) {
            body.add(error("No dashboard '" + id + "' among yours."), new Anchor("dashboards", "All dashboards"));
            return;
        }
        Map<String, List<String>> params = event.getLocation().getQueryParameters().getParameters();
        dashboard = opened.get();
        choice = TimeRangeChoice.of(first(params, "from").orElse(dashboard.from()),
                first(params, "to").orElse(dashboard.to()));
        variables.clear();
        dashboard.variables().forEach(v -> variables.put(v.name(), first(params, "var-" + v.name()).orElse("All")));
        show(dashboard);
    }

    private void showList(CurrentUser user) {
        var listing = dashboards.list(user);
        body.add(new H2("Dashboards"));
        emptyListing(listing).ifPresent(text -> {
            Paragraph empty = new Paragraph(text);
            empty.setId("dashboards-empty");
            body.add(empty);
        });
        Div list = new Div();
        list.setId("dashboard-list");
        for (Dashboard d : listing.dashboards()) {
            Anchor link = new Anchor("dashboards/" + d.id(), d.title());
            link.getElement().setAttribute("data-dashboard", d.id());
            Div item = new Div(link);
            item.addClassName("dashboard-item");
            list.add(item);
        }
        body.add(list);
        if (!listing.errors().isEmpty()) {
            Div errors = new Div(new H4("Dashboard files with errors"));
            errors.setId("dashboard-errors");
            listing.errors().forEach(e -> errors.add(error(e)));
            body.add(errors);
        }
    }

    /**
     * What an empty list means. An install where nobody has set up dashboards must not read as though the user's
     * roles were missing something; the administrator's setting is named, the server's folders are not.
     */
    static Optional<String> emptyListing(DashboardService.Listing listing) {
        if (!listing.dashboards().isEmpty()) {
            return Optional.empty();
        }
        if (listing.directoryMissing()) {
            return Optional.of("The folder set up for dashboards is missing on the server, so no dashboards can be "
                    + "shown. Ask an administrator to check the setting periscope.dashboards.directory.");
        }
        if (listing.anySetUp()) {
            return Optional.of("None of the dashboards set up here is for your roles. "
                    + "Ask an administrator if your work needs one.");
        }
        if (!listing.errors().isEmpty()) {
            return Optional.of("No dashboard could be read; the problems are listed below.");
        }
        return Optional.of("No dashboards have been set up yet. An administrator adds them as dashboard files in "
                + "a folder on the server, named by the periscope.dashboards.directory setting.");
    }

    private void show(Dashboard d) {
        H2 title = new H2(d.title());
        title.setId("dashboard-title");
        TimeRangeSelect range = new TimeRangeSelect(picked -> {
            choice = picked;
            refresh();
        });
        range.show(choice);
        Select<String> refresh = new Select<>();
        refresh.setId("refresh");
        refresh.setLabel("Refresh");
        refresh.setItems(REFRESH.keySet());
        refresh.setValue(REFRESH.entrySet().stream().filter(e -> e.getValue().equals(d.refresh()))
                .map(Map.Entry::getKey).findFirst().orElse("Off"));
        refresh.addValueChangeListener(e -> autoRefresh(REFRESH.get(e.getValue())));
        range.setLabel("Time range");
        HorizontalLayout bar = new HorizontalLayout(range, refresh);
        bar.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        for (Dashboard.Variable v : d.variables()) {
            Select<String> select = new Select<>();
            select.setLabel("$" + v.name());
            select.setId("var-" + v.name());
            var values = new ArrayList<String>();
            values.add("All");
            values.addAll(variableValues(v));
            select.setItems(values);
            select.setValue(values.contains(variables.get(v.name())) ? variables.get(v.name()) : "All");
            select.addValueChangeListener(e -> {
                variables.put(v.name(), e.getValue());
                refresh();
            });
            bar.add(select);
        }
        Button tv = new Button("TV mode", VaadinIcon.EXPAND_FULL.create(), e -> getElement().executeJs(
                "document.documentElement.classList.toggle('tv-mode');"
                        + "if (!document.fullscreenElement) { document.documentElement.requestFullscreen?.(); }"
                        + " else { document.exitFullscreen?.(); }"));
        tv.setId("tv-mode");
        bar.add(tv);
        Span demo = new Span("Demo data");
        demo.setId("demo-badge");
        demo.getElement().getThemeList().add("badge contrast");
        demo.setVisible(false);
        body.add(title, bar, demo);
        for (Dashboard.Row row : d.rows()) {
            if (!row.title().isBlank()) {
                body.add(new H3(row.title()));
            }
            Div rowDiv = new Div();
            rowDiv.addClassName("dashboard-row");
            for (Dashboard.Panel p : row.panels()) {
                rowDiv.add(panel(d, p, demo));
            }
            body.add(rowDiv);
        }
        autoRefresh(d.refresh());
        refresh();
    }

    /**
     * What every panel of one load reads with, resolved on the UI thread (where the signed-in user is known), so the
     * panels can run their queries in parallel off it with the reader's own scope and audit identity.
     */
    private record Reader(Optional<MetricAccess> metrics, Optional<LogAccess> logs, Set<String> dashboards,
                          TimeRangeChoice choice, Map<String, String> variables, int width) {
    }

    /** One panel's load: runs off the UI thread, touches no component, and returns the update to show. */
    private interface PanelLoad {
        Runnable load(Reader reader);
    }

    private Div panel(Dashboard d, Dashboard.Panel p, Span demo) {
        Div box = new Div();
        box.addClassName("dashboard-panel");
        box.getElement().setAttribute("data-panel", p.title());
        box.getElement().setAttribute("data-type", p.type().name().toLowerCase(java.util.Locale.ROOT));
        H4 title = new H4(p.title());
        Paragraph error = error("");
        box.add(title);
        ChartUnit unit = ChartUnit.of(p.unit());
        switch (p.type()) {
            case PROBLEMS -> {
                Div list = new Div();
                list.addClassName("problems-panel");
                box.add(list, error);
                panels.add(r -> problemsPanel.load(r.logs(), d.service(), p.query(), r.choice()).show(list, error));
            }
            case ALERTS -> {
                Div holder = new Div();
                box.add(holder, error);
                panels.add(r -> {
                    var outcome = queries.alerts(r.metrics(), substitute(p.query(), r.variables()));
                    return () -> {
                        holder.removeAll();
                        error.setText(outcome.failure().orElse(""));
                        if (outcome.failure().isEmpty()) {
                            holder.add(AlertList.of(outcome.alerts(), r.dashboards(), clock, false));
                        }
                    };
                });
            }
            case STAT -> {
                Span value = new Span("–");
                value.addClassName("stat-value");
                box.add(value, error);
                panels.add(r -> {
                    var outcome = queries.instant(r.metrics(), substitute(p.query(), r.variables()));
                    return () -> {
                        switch (outcome) {
                            case PanelQueries.Outcome.Failed f -> error.setText(f.message());
                            case PanelQueries.Outcome.Shown s -> {
                                error.setText("");
                                demo.setVisible(demo.isVisible() || s.demo());
                                double v = s.result().series().isEmpty() ? Double.NaN
                                        : s.result().series().getFirst().points().getLast().value();
                                value.setText(unit.format(v));
                                value.getStyle().set("color", p.thresholds().stream().filter(t -> v >= t.value())
                                        .reduce((a, b) -> b).map(Dashboard.Threshold::color).orElse("inherit"));
                            }
                        }
                    };
                });
            }
            case TIMESERIES, LOGRATE, ERRORRATIO -> {
                TimeSeriesChart chart = new TimeSeriesChart(220);
                chart.setWidthFull();
                ChartKind kind = ChartKind.valueOf(p.kind().toUpperCase(java.util.Locale.ROOT));
                chart.addPointClickListener((time, service) -> UI.getCurrent().navigate(LogsLink.forPoint(time,
                        service.or(d::service))));
                chart.addRangeSelectListener((from, to) -> {
                    choice = TimeRangeChoice.absolute(from, to);
                    refresh();
                });
                box.add(chart, error);
                panels.add(r -> p.type() == Dashboard.Panel.Type.TIMESERIES
                        ? timeseries(p, r, chart, kind, unit, error, demo)
                        : logGraph(p, r, chart, kind, unit, error));
            }
        }
        return box;
    }

    private Runnable timeseries(Dashboard.Panel p, Reader r, TimeSeriesChart chart, ChartKind kind, ChartUnit unit,
                                Paragraph error, Span demo) {
        var outcome = queries.range(r.metrics(), substitute(p.query(), r.variables()), r.choice(), r.width());
        return () -> {
            switch (outcome) {
                case PanelQueries.Outcome.Failed f -> {
                    error.setText(f.message());
                    chart.show(List.of(), kind, unit);
                }
                case PanelQueries.Outcome.Shown s -> {
                    error.setText("");
                    demo.setVisible(demo.isVisible() || s.demo());
                    chart.show(s.result().series(), kind, unit);
                }
            }
        };
    }

    private Runnable logGraph(Dashboard.Panel p, Reader r, TimeSeriesChart chart, ChartKind kind, ChartUnit unit,
                              Paragraph error) {
        LogPanels.Outcome outcome;
        Optional<Instant> from = TimeExpressions.parse(r.choice().from(), clock);
        Optional<Instant> to = TimeExpressions.parse(r.choice().to(), clock);
        if (r.logs().isEmpty()) {
            outcome = new LogPanels.Outcome.Failed("Your roles give you no access to logs, so this graph is empty.");
        } else if (from.isEmpty() || to.isEmpty() || !from.get().isBefore(to.get())) {
            outcome = new LogPanels.Outcome.Failed("Not a valid time range: " + r.choice().from() + " to "
                    + r.choice().to());
        } else if (p.type() == Dashboard.Panel.Type.LOGRATE) {
            outcome = logPanels.rate(r.logs().get(), p.query(), p.split(), from.get(), to.get());
        } else {
            outcome = logPanels.errorRatio(r.logs().get(), p.query(), p.split(), from.get(), to.get());
        }
        return () -> {
            switch (outcome) {
                case LogPanels.Outcome.Failed f -> {
                    error.setText(f.message());
                    chart.showLines(List.of(), kind, unit);
                }
                case LogPanels.Outcome.Shown s -> {
                    error.setText("");
                    chart.showLines(s.lines(), kind, unit);
                }
            }
        };
    }

    /**
     * Loads every panel at once, each on its own virtual thread, and shows each as it arrives (the page is pushed).
     * The reader is resolved here, on the UI thread; a load superseded by a newer one is not shown.
     */
    private void refresh() {
        UI ui = UI.getCurrent();
        updateUrl(ui);
        if (ui == null || panels.isEmpty()) {
            return;
        }
        Optional<CurrentUser> user = CurrentUser.get();
        Reader reader = new Reader(queries.reader(),
                user.flatMap(u -> logAccess.forUser(u, "dashboard")),
                user.map(u -> dashboards == null ? Set.<String>of() : dashboards.list(u).dashboards().stream()
                        .map(Dashboard::id).collect(java.util.stream.Collectors.toSet())).orElse(Set.of()),
                choice, Map.copyOf(variables), panelWidth(ui));
        long mine = ++generation;
        for (PanelLoad panel : List.copyOf(panels)) {
            Thread.ofVirtual().name("dashboard-panel").start(() -> {
                Runnable update;
                try {
                    update = panel.load(reader);
                } catch (RuntimeException e) {
                    log.warn("A dashboard panel failed to load", e);
                    update = () -> { };
                }
                Runnable show = update;
                try {
                    ui.access(() -> {
                        if (mine == generation) {
                            show.run();
                        }
                    });
                } catch (UIDetachedException e) {
                    // The page is gone; nobody waits for this panel.
                }
            });
        }
    }

    /**
     * About the width a chart will have, from the browser window's width sent when the page opened, so the queries
     * need no round trip to ask the browser first; the step only rounds to familiar values, so close is enough.
     */
    private int panelWidth(UI ui) {
        var details = ui.getInternals().getExtendedClientDetails();
        int window = details == null || details.getWindowInnerWidth() <= 0 ? 1280 : details.getWindowInnerWidth();
        int perRow = dashboard == null ? 1 : dashboard.rows().stream().mapToInt(row -> row.panels().size()).max()
                .orElse(1);
        int fit = Math.max(1, (window - 300) / 420);
        return Math.max(400, (window - 300) / Math.max(1, Math.min(perRow, fit)));
    }

    private void updateUrl(@Nullable UI ui) {
        if (ui == null || dashboard == null) {
            return;
        }
        var params = new LinkedHashMap<String, String>();
        params.put("from", choice.from());
        params.put("to", choice.to());
        variables.forEach((k, v) -> {
            if (!v.equals("All")) {
                params.put("var-" + k, v);
            }
        });
        ui.getPage().getHistory().replaceState(null,
                new Location("dashboards/" + dashboard.id(), QueryParameters.simple(params)));
    }

    /**
     * Fills the variables into a query written as {@code label=~"$name"}: a chosen value becomes an exact regex,
     * "All" any value. The text is then scoped like any other query, so a variable cannot widen the scope.
     */
    static String substitute(String query, Map<String, String> values) {
        String result = query;
        for (var e : values.entrySet()) {
            String regex = e.getValue().equals("All") ? ".+" : REGEX_SPECIAL.matcher(e.getValue()).replaceAll("\\\\$0");
            String literal = regex.replace("\\", "\\\\").replace("\"", "\\\"");
            result = result.replace("$" + e.getKey(), literal);
        }
        return result;
    }

    private static final Pattern REGEX_SPECIAL = Pattern.compile("[.+*?^$()\\[\\]{}|\\\\]");

    private List<String> variableValues(Dashboard.Variable v) {
        Optional<CurrentUser> user = CurrentUser.get();
        if (metrics == null || user.isEmpty()) {
            return List.of();
        }
        try {
            return access.forUser(user.get()).map(a -> metrics.labelValues(a.actor(), a.scope(), v.label(),
                    v.metric().isEmpty() ? List.of() : List.of(v.metric()),
                    clock.instant().minus(Duration.ofHours(1)), clock.instant()).stream().map(MaskedText::text)
                    .toList()).orElse(List.of());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private void autoRefresh(Duration every) {
        if (poll != null) {
            poll.remove();
            poll = null;
        }
        UI ui = UI.getCurrent();
        if (ui == null) {
            return;
        }
        if (every.isZero()) {
            ui.setPollInterval(-1);
            return;
        }
        ui.setPollInterval((int) every.toMillis());
        poll = ui.addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (poll != null) {
            poll.remove();
            poll = null;
            detachEvent.getUI().setPollInterval(-1);
        }
        super.onDetach(detachEvent);
    }

    private static Map<String, Duration> refreshChoices() {
        var choices = new LinkedHashMap<String, Duration>();
        choices.put("Off", Duration.ZERO);
        choices.put("10 s", Duration.ofSeconds(10));
        choices.put("30 s", Duration.ofSeconds(30));
        choices.put("1 min", Duration.ofMinutes(1));
        return choices;
    }

    private static Paragraph error(String text) {
        Paragraph p = new Paragraph(text);
        p.addClassName("form-error");
        return p;
    }

    private static Optional<String> first(Map<String, List<String>> params, String key) {
        return Optional.ofNullable(params.get(key)).flatMap(v -> v.stream().findFirst()).filter(s -> !s.isBlank());
    }
}
