package dev.periscope.problems.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import dev.periscope.base.PropertyRow;
import dev.periscope.base.TimeFormats;
import dev.periscope.logs.LogAccess;
import dev.periscope.logs.LogAccessResolver;
import dev.periscope.logs.LogHistogram;
import dev.periscope.logs.LogTopValues;
import dev.periscope.logs.MaskedLogEvent;
import dev.periscope.problems.Problem;
import dev.periscope.problems.ProblemDetail;
import dev.periscope.problems.ProblemsService;
import dev.periscope.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One problem: what it is, when and where it happens, the newest sample's exception chain, and sample events with
 * links to their surroundings in the Logs view. Deep link: {@code /problems/<fingerprint>?from=&to=}.
 */
@Route("problems/:fingerprint")
@PageTitle("Problem")
@RolesAllowed({Roles.DEVELOPER, Roles.ONCALL})
@StyleSheet("context://css/problems.css")
class ProblemView extends Div implements BeforeEnterObserver {

    private final ProblemsService problems;
    private final LogAccessResolver accessResolver;
    private final Clock clock;
    private final Paragraph error = new Paragraph();
    private final Div content = new Div();

    ProblemView(ProblemsService problems, LogAccessResolver accessResolver, Clock clock) {
        this.problems = problems;
        this.accessResolver = accessResolver;
        this.clock = clock;
        addClassName("problem-view");
        error.setId("problem-error");
        error.addClassName("form-error");
        content.setId("problem");
        add(error, content);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String fingerprint = event.getRouteParameters().get("fingerprint").orElse("");
        Map<String, List<String>> params = event.getLocation().getQueryParameters().getParameters();
        RangeChoice range = RangeChoice.of(ViewSupport.first(params, "from").orElse(RangeChoice.DEFAULT.from()),
                ViewSupport.first(params, "to").orElse(RangeChoice.DEFAULT.to()));
        content.removeAll();
        error.setText("");
        content.add(back(range));
        if (!ProblemsService.isFingerprint(fingerprint)) {
            error.setText("That is not a problem's address. Open a problem from the list.");
            return;
        }
        Optional<LogAccess> access = ViewSupport.access(accessResolver);
        if (access.isEmpty()) {
            error.setText("Your roles give you no access to logs. Request access on the Access page.");
            return;
        }
        Optional<Optional<ProblemDetail>> detail = ViewSupport.read(() -> problems.group(access.get(), fingerprint,
                ViewSupport.time(range.from(), clock), ViewSupport.time(range.to(), clock)), error::setText);
        detail.ifPresent(d -> d.ifPresentOrElse(found -> show(found, range),
                () -> error.setText("No event of this problem in " + range.label().toLowerCase(java.util.Locale.ROOT)
                        + " within your access. Try a longer time range.")));
    }

    private RouterLink back(RangeChoice range) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("from", range.from());
        params.put("to", range.to());
        RouterLink back = new RouterLink("← All problems", ProblemsView.class);
        back.setQueryParameters(QueryParameters.simple(params));
        back.setId("back-to-problems");
        return back;
    }

    private void show(ProblemDetail detail, RangeChoice range) {
        Problem problem = detail.problem();
        H2 title = new H2(problem.title().lines().findFirst().orElse(problem.type()));
        title.setId("problem-title");
        title.addClassName("problem-heading");
        Div facts = new Div();
        facts.addClassName("problem-facts");
        ViewSupport.marker(problem.marker()).ifPresent(facts::add);
        facts.add(fact("Events", String.valueOf(problem.count())),
                fact("First seen", TimeFormats.utc(problem.firstSeen())),
                fact("Last seen", TimeFormats.utc(problem.lastSeen())),
                fact("Services", detail.services().stream().map(v -> v.value().text() + " (" + v.count() + ")")
                        .collect(Collectors.joining(", "))),
                fact("Fingerprint", problem.fingerprint() + " (algorithm v" + problem.version() + ")"));
        if (!problem.hosts().isEmpty()) {
            facts.add(fact("Hosts", ViewSupport.join(problem.hosts())));
        }
        if (!problem.versions().isEmpty()) {
            facts.add(fact("Versions", ViewSupport.join(problem.versions())));
        }
        Anchor allEvents = new Anchor(ViewSupport.logsLink(problem.fingerprint(), range, Optional.empty()),
                "All its events in Logs");
        allEvents.setId("problem-logs-link");
        allEvents.getElement().setAttribute("router-link", true);

        LogHistogram occurrences = detail.occurrences();
        Div chart = new Div(Sparkline.bars(occurrences.buckets().stream().map(LogHistogram.Bucket::count).toList(),
                720, 80, occurrences.total() + " events, one bar per " + occurrences.interval().toMinutes()
                        + " minutes"));
        chart.setId("problem-occurrences");
        chart.addClassName("occurrences-chart");

        content.add(title, facts, allEvents, new H3("Occurrences"), chart, new H3("Exception chain"));
        detail.trace().ifPresentOrElse(t -> content.add(new TraceView(t)),
                () -> content.add(new Paragraph("The newest event's trace could not be read again.")));
        content.add(new H3("Sample events"), samples(detail.samples(), problem.fingerprint(), range));
    }

    private Grid<MaskedLogEvent> samples(List<MaskedLogEvent> events, String fingerprint, RangeChoice range) {
        Grid<MaskedLogEvent> grid = new Grid<>();
        grid.setId("problem-samples");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.addColumn(e -> TimeFormats.utcCell(e.timestamp())).setHeader(TimeFormats.utcHeader("Time")).setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(MaskedLogEvent::service).setHeader("Service").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> e.message().text().lines().findFirst().orElse("")).setHeader("Message").setFlexGrow(1);
        grid.addComponentColumn(e -> {
            Anchor link = new Anchor(ViewSupport.logsLink(fingerprint, range, Optional.of(e.id())), "Log context");
            link.addClassName("context-link");
            link.getElement().setAttribute("router-link", true);
            return link;
        }).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.setItems(events);
        return grid;
    }

    private static Div fact(String label, String value) {
        return PropertyRow.of(label, value, "fact");
    }
}
