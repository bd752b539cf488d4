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
import dev.periscope.logs.query.InvalidQueryException;
import dev.periscope.logs.query.QueryTimeoutException;
import dev.periscope.problems.Problem;
import dev.periscope.problems.ProblemList;
import dev.periscope.problems.ProblemQuery;
import dev.periscope.problems.ProblemsService;
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
    private final Clock clock;

    ProblemsPanel(ProblemsService problems, Clock clock) {
        this.problems = problems;
        this.clock = clock;
    }

    /** What the panel found, or why it found nothing; read off the UI thread, shown on it. */
    record Loaded(Optional<ProblemList> found, String error, TimeRangeChoice range) {
        Runnable show(Div list, Paragraph errorText) {
            return () -> {
                list.removeAll();
                errorText.setText(error);
                found.ifPresent(f -> {
                    if (f.problems().isEmpty()) {
                        list.add(new Span("No problems in this range."));
                    }
                    f.problems().stream().limit(SHOWN).forEach(p -> list.add(row(p, range)));
                });
            };
        }
    }

    Loaded load(Optional<LogAccess> reader, Optional<String> service, String filter, TimeRangeChoice range) {
        if (reader.isEmpty()) {
            return new Loaded(Optional.empty(), "Your roles give you no access to logs, so no problems are shown.", range);
        }
        Instant from = TimeExpressions.parse(range.from(), clock).orElse(clock.instant().minusSeconds(3600));
        Instant to = TimeExpressions.parse(range.to(), clock).orElse(clock.instant());
        try {
            return new Loaded(Optional.of(problems.list(reader.get(),
                    new ProblemQuery(from, to, service, filter, ProblemQuery.Sort.FREQUENT))), "", range);
        } catch (InvalidQueryException | LogAccessDeniedException e) {
            return new Loaded(Optional.empty(), e.getMessage(), range);
        } catch (QueryTimeoutException e) {
            return new Loaded(Optional.empty(), "The problems took too long to list. Narrow the time range.", range);
        } catch (AuditUnavailableException e) {
            return new Loaded(Optional.empty(), "The audit trail cannot record this view, so no problems are shown.",
                    range);
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
