package dev.periscope.problems.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import dev.periscope.base.TimeFormats;
import dev.periscope.logs.LogAccess;
import dev.periscope.logs.LogAccessResolver;
import dev.periscope.problems.Problem;
import dev.periscope.problems.ProblemList;
import dev.periscope.problems.ProblemQuery;
import dev.periscope.problems.ProblemsService;
import dev.periscope.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The problems of a time range: exceptions from the logs, grouped by fingerprint, with a trend line per group. The
 * URL holds the filter, service, range and sort, with the same range parameters as the Logs view.
 */
@Route("problems")
@PageTitle("Problems")
@Menu(order = 15, icon = "vaadin:bug", title = "Problems")
@RolesAllowed({Roles.DEVELOPER, Roles.ONCALL})
@StyleSheet("context://css/problems.css")
class ProblemsView extends Div implements BeforeEnterObserver {

    private final ProblemsService problems;
    private final LogAccessResolver accessResolver;
    private final Clock clock;

    private final TextField text = new TextField();
    private final TextField service = new TextField();
    private final Select<RangeChoice> range = new Select<>();
    private final Select<ProblemQuery.Sort> sort = new Select<>();
    private final Span summary = new Span();
    private final Paragraph error = new Paragraph();
    private final Grid<Problem> grid = new Grid<>();
    private RangeChoice choice = RangeChoice.DEFAULT;

    ProblemsView(ProblemsService problems, LogAccessResolver accessResolver, Clock clock) {
        this.problems = problems;
        this.accessResolver = accessResolver;
        this.clock = clock;
        addClassName("problems-view");

        text.setId("problem-filter");
        text.setPlaceholder("Log query, e.g. level:ERROR AND timeout");
        text.setPrefixComponent(VaadinIcon.SEARCH.create());
        text.setClearButtonVisible(true);
        text.addKeyPressListener(Key.ENTER, e -> search());
        service.setId("problem-service");
        service.setPlaceholder("Service");
        service.setClearButtonVisible(true);
        service.addKeyPressListener(Key.ENTER, e -> search());
        range.setId("time-range");
        range.setItems(RangeChoice.PRESETS);
        range.setItemLabelGenerator(r -> r == null ? "Custom range" : r.label());
        range.setEmptySelectionAllowed(true);
        range.setEmptySelectionCaption("Custom range");
        range.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                choice = e.getValue();
                search();
            }
        });
        sort.setId("problem-sort");
        sort.setItems(ProblemQuery.Sort.values());
        sort.setItemLabelGenerator(s -> switch (s) {
            case FREQUENT -> "Most frequent";
            case NEWEST -> "Newest";
            case SPIKING -> "Spiking";
        });
        sort.setValue(ProblemQuery.Sort.FREQUENT);
        sort.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                search();
            }
        });
        Button run = new Button("Show", e -> search());
        run.setId("run-problems");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        // The query's hint must be read whole at 1280 pixels: the short choices beside it take no more than they
        // need, and the query field takes the rest.
        service.setWidth("9rem");
        range.setWidth("10rem");
        sort.setWidth("10rem");
        HorizontalLayout bar = new HorizontalLayout(text, service, range, sort, run);
        bar.setWidthFull();
        bar.setFlexGrow(1, text);
        bar.setAlignItems(com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment.BASELINE);
        summary.setId("problems-summary");
        error.setId("problems-error");
        error.addClassName("form-error");

        grid.setId("problems");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        // Everything fits at 1280 pixels: the title, services and hosts wrap, and the two times break between date
        // and time, so no column is pushed out of sight.
        grid.addComponentColumn(this::titleCell).setHeader("Problem").setWidth("16rem").setFlexGrow(4);
        grid.addColumn(Problem::count).setHeader("Events").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(p -> Sparkline.line(p.trend(), 120, 28, p.count() + " events over the range"))
                .setHeader("Trend").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(p -> TimeFormats.utcCell(p.firstSeen())).setHeader(TimeFormats.utcHeader("First seen"))
                .setWidth("8rem").setFlexGrow(0);
        grid.addColumn(p -> TimeFormats.utcCell(p.lastSeen())).setHeader(TimeFormats.utcHeader("Last seen"))
                .setWidth("8rem").setFlexGrow(0);
        grid.addColumn(p -> String.join(", ", p.services())).setHeader("Services").setWidth("7rem").setFlexGrow(1);
        grid.addColumn(p -> ViewSupport.join(p.hosts())
                        + (p.versions().isEmpty() ? "" : " · " + ViewSupport.join(p.versions())))
                .setHeader("Hosts · versions").setWidth("7rem").setFlexGrow(1);
        grid.getColumns().forEach(c -> c.setResizable(true));
        add(bar, error, summary, grid);
    }

    private Div titleCell(Problem problem) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("from", choice.from());
        params.put("to", choice.to());
        RouterLink link = new RouterLink(problem.title().lines().findFirst().orElse(problem.type()),
                ProblemView.class, new RouteParameters("fingerprint", problem.fingerprint()));
        link.setQueryParameters(QueryParameters.simple(params));
        link.addClassName("problem-title");
        Div cell = new Div();
        cell.addClassName("problem-cell");
        cell.getElement().setAttribute("data-fingerprint", problem.fingerprint());
        ViewSupport.marker(problem.marker()).ifPresent(cell::add);
        cell.add(link);
        Span type = new Span(problem.type() + " · fingerprint " + problem.fingerprint() + " (v" + problem.version()
                + ")");
        type.addClassName("problem-meta");
        cell.add(type);
        return cell;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> params = event.getLocation().getQueryParameters().getParameters();
        text.setValue(ViewSupport.first(params, "q").orElse(""));
        service.setValue(ViewSupport.first(params, "service").orElse(""));
        choice = RangeChoice.of(ViewSupport.first(params, "from").orElse(RangeChoice.DEFAULT.from()),
                ViewSupport.first(params, "to").orElse(RangeChoice.DEFAULT.to()));
        range.setValue(RangeChoice.PRESETS.contains(choice) ? choice : null);
        ViewSupport.first(params, "sort").flatMap(ProblemsView::sortOf).ifPresent(sort::setValue);
        search();
    }

    private void search() {
        error.setText("");
        Optional<LogAccess> access = ViewSupport.access(accessResolver);
        if (access.isEmpty()) {
            summary.setText("Your roles give you no access to logs. Request access on the Access page.");
            grid.setItems(List.of());
            return;
        }
        Optional<ProblemList> list = ViewSupport.read(() -> problems.list(access.get(), new ProblemQuery(
                ViewSupport.time(choice.from(), clock), ViewSupport.time(choice.to(), clock),
                Optional.of(service.getValue()), text.getValue(), sort.getValue())), error::setText);
        list.ifPresent(l -> {
            grid.setItems(l.problems());
            // Auto widths are measured once, from the first rows; a new list may hold larger counts.
            grid.recalculateColumnWidths();
            long events = l.problems().stream().mapToLong(Problem::count).sum();
            summary.setText(l.problems().size() + (l.more() ? "+" : "") + " problems · " + events + " events · "
                    + choice.label());
        });
        if (list.isEmpty()) {
            // The grid is emptied, so the header must not go on counting the last list's problems.
            grid.setItems(List.of());
            summary.setText("");
        }
        updateUrl();
    }

    private void updateUrl() {
        Map<String, String> params = new LinkedHashMap<>();
        if (!text.getValue().isBlank()) {
            params.put("q", text.getValue().strip());
        }
        if (!service.getValue().isBlank()) {
            params.put("service", service.getValue().strip());
        }
        params.put("from", choice.from());
        params.put("to", choice.to());
        params.put("sort", sort.getValue().name().toLowerCase(Locale.ROOT));
        UI.getCurrent().getPage().getHistory().replaceState(null,
                new Location("problems", QueryParameters.simple(params)));
    }

    private static Optional<ProblemQuery.Sort> sortOf(String value) {
        try {
            return Optional.of(ProblemQuery.Sort.valueOf(value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
