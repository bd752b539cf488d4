package dev.periscope.metrics.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.periscope.base.TimeRangeChoice;
import dev.periscope.base.TimeRangeSelect;
import dev.periscope.metrics.MaskedQueryResult;
import dev.periscope.metrics.MaskedSeries;
import dev.periscope.metrics.MetricAccessResolver;
import dev.periscope.metrics.MetricsService;
import dev.periscope.metrics.Point;
import dev.periscope.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Metrics Explore: a PromQL editor with scoped completion, the same time ranges as logs, a chart whose step follows
 * its pixel width, and a table of the same series. The URL holds the query and range, so a link reopens the view;
 * a click on a point opens the logs of that service for that minute.
 */
@Route("metrics")
@PageTitle("Metrics")
@Menu(order = 30, icon = "vaadin:chart", title = "Metrics")
@RolesAllowed({Roles.DEVELOPER, Roles.ONCALL})
class MetricsView extends Div implements BeforeEnterObserver {

    private final PanelQueries queries;
    private final PromQlEditor editor;
    private final TimeRangeSelect range = new TimeRangeSelect(picked -> {
        choice = picked;
        run();
    });
    private final Select<ChartKind> kind = new Select<>();
    private final Select<ChartUnit> unit = new Select<>();
    private final Span summary = new Span();
    private final Span demo = new Span("Demo data");
    private final Paragraph error = new Paragraph();
    private final TimeSeriesChart chart = new TimeSeriesChart(360);
    private final Grid<MaskedSeries> table = new Grid<>();
    private final Tabs tabs;
    private TimeRangeChoice choice = TimeRangeChoice.DEFAULT;

    MetricsView(ObjectProvider<MetricsService> metrics, MetricAccessResolver access, Clock clock) {
        this.queries = new PanelQueries(metrics.getIfAvailable(), access, clock);
        addClassName("metrics-view");
        editor = new PromQlEditor(queries.completion());
        editor.setWidthFull();
        editor.addRunListener(this::run);

        kind.setId("chart-kind");
        kind.setItems(ChartKind.values());
        kind.setItemLabelGenerator(k -> k.label);
        kind.setValue(ChartKind.LINE);
        kind.addValueChangeListener(e -> redraw());
        unit.setId("chart-unit");
        unit.setItems(ChartUnit.values());
        unit.setItemLabelGenerator(u -> u.label);
        unit.setValue(ChartUnit.NONE);
        unit.addValueChangeListener(e -> {
            redraw();
            table.getDataProvider().refreshAll();
        });
        Button runButton = new Button("Run query", e -> editor.requestRun());
        runButton.setId("run-query");
        runButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        summary.setId("result-summary");
        demo.setId("demo-badge");
        demo.getElement().getThemeList().add("badge contrast");
        demo.addClassName("demo-badge");
        demo.setTitle("Generated series from the demo's metrics source, not a Prometheus");
        demo.setVisible(false);
        error.setId("query-error");
        error.addClassName("form-error");

        chart.setId("chart");
        chart.setWidthFull();
        chart.addPointClickListener((time, series) ->
                UI.getCurrent().navigate(LogsLink.forPoint(time, series)));
        chart.addRangeSelectListener((from, to) -> {
            choice = TimeRangeChoice.absolute(from, to);
            range.clear();
            run();
        });
        table.setId("series-table");
        table.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        table.addColumn(SeriesLabels::legend).setHeader("Series").setFlexGrow(1).setResizable(true);
        table.addColumn(s -> stat(s, "last")).setHeader("Last").setAutoWidth(true).setFlexGrow(0);
        table.addColumn(s -> stat(s, "min")).setHeader("Min").setAutoWidth(true).setFlexGrow(0);
        table.addColumn(s -> stat(s, "max")).setHeader("Max").setAutoWidth(true).setFlexGrow(0);
        table.addColumn(s -> stat(s, "avg")).setHeader("Avg").setAutoWidth(true).setFlexGrow(0);
        table.setAllRowsVisible(true);
        table.setVisible(false);

        Tab chartTab = new Tab("Chart");
        chartTab.setId("tab-chart");
        Tab tableTab = new Tab("Table");
        tableTab.setId("tab-table");
        tabs = new Tabs(chartTab, tableTab);
        tabs.addSelectedChangeListener(e -> {
            boolean showTable = e.getSelectedTab() == tableTab;
            table.setVisible(showTable);
            chart.setVisible(!showTable);
        });

        HorizontalLayout bar = new HorizontalLayout(range, kind, unit, runButton);
        bar.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        HorizontalLayout status = new HorizontalLayout(summary, demo);
        status.setAlignItems(HorizontalLayout.Alignment.CENTER);
        add(editor, bar, error, status, tabs, chart, table);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> params = event.getLocation().getQueryParameters().getParameters();
        first(params, "q").ifPresent(editor::setValue);
        choice = TimeRangeChoice.of(first(params, "from").orElse(TimeRangeChoice.DEFAULT.from()),
                first(params, "to").orElse(TimeRangeChoice.DEFAULT.to()));
        range.show(choice);
        first(params, "unit").ifPresent(u -> {
            try {
                unit.setValue(ChartUnit.of(u));
            } catch (IllegalArgumentException e) {
                unit.setValue(ChartUnit.NONE);
            }
        });
        if (first(params, "q").isPresent()) {
            run();
        }
    }

    private void run() {
        String promql = editor.getValue().strip();
        error.setText("");
        if (promql.isEmpty()) {
            summary.setText("Write a PromQL query, then run it (Ctrl+Enter).");
            return;
        }
        updateUrl(promql);
        chart.width(width -> show(queries.range(promql, choice, width)));
    }

    private void show(PanelQueries.Outcome outcome) {
        switch (outcome) {
            case PanelQueries.Outcome.Failed f -> {
                error.setText(f.message());
                summary.setText("");
                chart.show(List.of(), kind.getValue(), unit.getValue());
                table.setItems(List.of());
            }
            case PanelQueries.Outcome.Shown s -> {
                MaskedQueryResult result = s.result();
                long points = result.series().stream().mapToLong(x -> x.points().size()).sum();
                summary.setText(result.series().size() + " series · " + points + " points · step "
                        + s.step().toSeconds() + "s · " + choice.label()
                        + (result.withheld() > 0 ? " · " + result.withheld() + " values withheld (masking failed)" : "")
                        + (s.narrowed() ? " · some of your roles' scopes could not be combined, so you see less" : ""));
                demo.setVisible(s.demo());
                chart.show(result.series(), kind.getValue(), unit.getValue());
                table.setItems(result.series());
            }
        }
    }

    private void redraw() {
        chart.show(chart.shown(), kind.getValue(), unit.getValue());
    }

    private String stat(MaskedSeries s, String which) {
        var values = s.points().stream().mapToDouble(Point::value).filter(Double::isFinite).summaryStatistics();
        if (values.getCount() == 0) {
            return "–";
        }
        double v = switch (which) {
            case "last" -> s.points().getLast().value();
            case "min" -> values.getMin();
            case "max" -> values.getMax();
            default -> values.getAverage();
        };
        return unit.getValue().format(v);
    }

    private void updateUrl(String promql) {
        var params = new LinkedHashMap<String, String>();
        params.put("q", promql);
        params.put("from", choice.from());
        params.put("to", choice.to());
        if (unit.getValue() != ChartUnit.NONE) {
            params.put("unit", unit.getValue().id);
        }
        UI.getCurrent().getPage().getHistory().replaceState(null, new Location("metrics",
                QueryParameters.simple(params)));
    }

    private static Optional<String> first(Map<String, List<String>> params, String key) {
        return Optional.ofNullable(params.get(key)).flatMap(v -> v.stream().findFirst()).filter(s -> !s.isBlank());
    }
}
