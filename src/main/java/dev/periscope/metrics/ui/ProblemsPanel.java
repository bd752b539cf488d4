package dev.periscope.metrics.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.base.TimeExpressions;
import dev.periscope.base.TimeRangeChoice;
import dev.periscope.logs.LogAccess;
import dev.periscope.logs.LogAccessDeniedException;
import dev.periscope.logs.LogAccessResolver;
import dev.periscope.logs.query.InvalidQueryException;
import dev.periscope.logs.query.QueryTimeoutException;
import dev.periscope.problems.Problem;
import dev.periscope.problems.ProblemList;
import dev.periscope.problems.ProblemQuery;
import dev.periscope.problems.ProblemsService;
import dev.periscope.security.CurrentUser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A dashboard panel listing the dashboard service's most frequent problems, each linking to its group page for the
 * same time range. It reads through {@link ProblemsService}, so it is scoped, masked and audited like the Problems
 * page itself.
 */
final class ProblemsPanel {

    private static final int SHOWN = 5;

    private final ProblemsService problems;
    private final LogAccessResolver access;
    private final Clock clock;

    ProblemsPanel(ProblemsService problems, LogAccessResolver access, Clock clock) {
        this.problems = problems;
        this.access = access;
        this.clock = clock;
    }

    void fill(Div list, Paragraph error, Optional<String> service, String filter, TimeRangeChoice range) {
        list.removeAll();
        error.setText("");
        Optional<LogAccess> reader = CurrentUser.get().flatMap(user -> access.forUser(user, "dashboard"));
        if (reader.isEmpty()) {
            error.setText("Your roles give you no access to logs, so no problems are shown.");
            return;
        }
        Instant from = TimeExpressions.parse(range.from(), clock).orElse(clock.instant().minusSeconds(3600));
        Instant to = TimeExpressions.parse(range.to(), clock).orElse(clock.instant());
        try {
            ProblemList found = problems.list(reader.get(),
                    new ProblemQuery(from, to, service, filter, ProblemQuery.Sort.FREQUENT));
            if (found.problems().isEmpty()) {
                list.add(new Span("No problems in this range."));
            }
            found.problems().stream().limit(SHOWN).forEach(p -> list.add(row(p, range)));
        } catch (InvalidQueryException | LogAccessDeniedException e) {
            error.setText(e.getMessage());
        } catch (QueryTimeoutException e) {
            error.setText("The problems took too long to list. Narrow the time range.");
        } catch (AuditUnavailableException e) {
            error.setText("The audit trail cannot record this view, so no problems are shown.");
        }
    }

    private static Div row(Problem p, TimeRangeChoice range) {
        Anchor title = new Anchor("problems/" + p.fingerprint() + "?from=" + encode(range.from()) + "&to="
                + encode(range.to()), p.title());
        title.addClassName("problem-link");
        Span count = new Span(p.count() + " events");
        count.addClassName("problem-count");
        Div row = new Div(title, count, new Span(String.join(", ", p.services())));
        row.addClassName("problems-panel-row");
        return row;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
