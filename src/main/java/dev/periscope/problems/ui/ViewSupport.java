package dev.periscope.problems.ui;

import com.vaadin.flow.component.html.Span;
import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.base.TimeExpressions;
import dev.periscope.logs.LogAccess;
import dev.periscope.logs.LogAccessDeniedException;
import dev.periscope.logs.LogAccessResolver;
import dev.periscope.logs.QueryProbeRefusedException;
import dev.periscope.logs.query.InvalidQueryException;
import dev.periscope.logs.query.QueryTimeoutException;
import dev.periscope.masking.MaskedText;
import dev.periscope.problems.Problem;
import dev.periscope.problems.ProblemsService;
import dev.periscope.security.CurrentUser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** What both Problems views need: the reader's access, links into Logs, and errors told plainly. */
final class ViewSupport {

    private ViewSupport() {
    }

    static String join(List<MaskedText> values) {
        return values.stream().map(MaskedText::text).collect(Collectors.joining(", "));
    }

    /** A "new" or "regressed" badge; empty for neither. */
    static Optional<Span> marker(Problem.Marker marker) {
        if (marker == Problem.Marker.NONE) {
            return Optional.empty();
        }
        Span badge = new Span(marker == Problem.Marker.NEW ? "new" : "regressed");
        badge.getElement().getThemeList().add("badge small " + (marker == Problem.Marker.NEW ? "success" : "warning"));
        badge.addClassName("marker");
        return Optional.of(badge);
    }

    static Optional<LogAccess> access(LogAccessResolver resolver) {
        return CurrentUser.get().flatMap(user -> resolver.forUser(user, "problems view"));
    }

    static Instant time(String expression, Clock clock) {
        return TimeExpressions.parse(expression, clock)
                .orElseThrow(() -> new InvalidQueryException("Not a time: " + expression));
    }

    static Optional<String> first(Map<String, List<String>> params, String key) {
        return Optional.ofNullable(params.get(key)).flatMap(v -> v.stream().findFirst()).filter(s -> !s.isBlank());
    }

    /** A link into the Logs view: the group's events in the same range, optionally with one event selected. */
    static String logsLink(String fingerprint, RangeChoice range, Optional<String> eventId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", ProblemsService.logQuery(fingerprint));
        params.put("from", range.from());
        params.put("to", range.to());
        eventId.ifPresent(id -> params.put("event", id));
        return "logs?" + query(params);
    }

    static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * Runs a read and turns the refusals a reader can meet into a sentence; anything else is left to the
     * application's error handling, which shows a reference and no stack trace.
     */
    static <T> Optional<T> read(Supplier<T> read, java.util.function.Consumer<String> error) {
        try {
            return Optional.of(read.get());
        } catch (InvalidQueryException | LogAccessDeniedException | QueryProbeRefusedException e) {
            error.accept(e.getMessage());
        } catch (QueryTimeoutException e) {
            error.accept("The query took too long. Narrow the time range or the filter.");
        } catch (AuditUnavailableException e) {
            error.accept("The audit trail cannot record this view, so it was refused. Try again shortly.");
        } catch (IllegalArgumentException e) {
            error.accept(e.getMessage());
        }
        return Optional.empty();
    }
}
