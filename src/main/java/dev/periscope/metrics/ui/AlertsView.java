package dev.periscope.metrics.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.periscope.metrics.Dashboard;
import dev.periscope.metrics.DashboardService;
import dev.periscope.metrics.MetricAccessResolver;
import dev.periscope.metrics.MetricsService;
import dev.periscope.security.CurrentUser;
import dev.periscope.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The pending and firing alerts of Prometheus within the user's metrics scope, firing first. Each links to its
 * dashboard and to the logs of its service around its start. A label selector narrows the list and stays in the URL.
 */
@Route("alerts")
@PageTitle("Alerts")
@Menu(order = 32, icon = "vaadin:bell", title = "Alerts")
@RolesAllowed({Roles.DEVELOPER, Roles.ONCALL})
class AlertsView extends Div implements BeforeEnterObserver {

    private final PanelQueries queries;
    private final @Nullable DashboardService dashboards;
    private final Clock clock;
    private final TextField filter = new TextField();
    private final Span summary = new Span();
    private final Paragraph error = new Paragraph();
    private final Div list = new Div();

    AlertsView(ObjectProvider<MetricsService> metrics, ObjectProvider<DashboardService> dashboards,
               MetricAccessResolver access, Clock clock) {
        this.queries = new PanelQueries(metrics.getIfAvailable(), access, clock);
        this.dashboards = dashboards.getIfAvailable();
        this.clock = clock;
        addClassName("metrics-view");
        // Laid out here rather than in the metrics stylesheet, which only arrives with the chart component.
        getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-s)")
                .set("padding", "var(--lumo-space-m)").set("box-sizing", "border-box");
        filter.setId("alert-filter");
        filter.setLabel("Label selector");
        filter.setPlaceholder("{severity=\"page\"}");
        filter.setClearButtonVisible(true);
        filter.setWidth("24rem");
        filter.addKeyPressListener(com.vaadin.flow.component.Key.ENTER, e -> load());
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> load());
        refresh.setId("refresh-alerts");
        HorizontalLayout bar = new HorizontalLayout(filter, refresh);
        bar.setAlignItems(HorizontalLayout.Alignment.BASELINE);
        summary.setId("alerts-summary");
        error.setId("alerts-error");
        error.addClassName("form-error");
        list.setId("alerts");
        H2 title = new H2("Alerts");
        title.getStyle().set("margin", "0");
        add(title, bar, new Div(summary), error, list);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        filter.setValue(event.getLocation().getQueryParameters().getSingleParameter("q").orElse(""));
        load();
    }

    private void load() {
        String selector = filter.getValue().strip();
        var outcome = queries.alerts(queries.reader(), selector);
        list.removeAll();
        error.setText(outcome.failure().orElse(""));
        summary.setText(outcome.failure().isPresent() ? "" : AlertList.summary(outcome.alerts()) + " in your scope");
        if (outcome.failure().isEmpty()) {
            list.add(AlertList.of(outcome.alerts(), dashboardIds(), clock, true));
        }
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, new Location("alerts",
                selector.isEmpty() ? QueryParameters.empty() : QueryParameters.simple(Map.of("q", selector)))));
    }

    private Set<String> dashboardIds() {
        return dashboards == null ? Set.of() : CurrentUser.get().map(u -> dashboards.list(u).dashboards().stream()
                .map(Dashboard::id).collect(Collectors.toSet())).orElse(Set.of());
    }
}
