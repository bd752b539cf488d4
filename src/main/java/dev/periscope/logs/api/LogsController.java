package dev.periscope.logs.api;

import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.base.ApiError;
import dev.periscope.logs.LiveAccess;
import dev.periscope.logs.LogAccess;
import dev.periscope.logs.LogAccessDeniedException;
import dev.periscope.logs.LogAccessResolver;
import dev.periscope.logs.LogContext;
import dev.periscope.base.ExportFormat;
import dev.periscope.logs.LogHistogram;
import dev.periscope.logs.LogOrder;
import dev.periscope.logs.LogPage;
import dev.periscope.logs.query.BackendUnavailableException;
import dev.periscope.logs.LogQuery;
import dev.periscope.logs.LogService;
import dev.periscope.logs.LogTopValues;
import dev.periscope.logs.MaskedLogEvent;
import dev.periscope.logs.QueryProbeRefusedException;
import dev.periscope.logs.query.InvalidQueryException;
import dev.periscope.logs.query.QueryTimeoutException;
import dev.periscope.base.TimeExpressions;

import dev.periscope.security.CurrentUser;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/logs}: search, histogram, top values, context and export, JSON in UTC. Every answer is masked and audited
 * because it goes through {@link LogService}, the same path the views take.
 */
@RestController
@RequestMapping("/api/v1/logs")
class LogsController {

    private final LogService logs;
    private final LogAccessResolver access;
    private final Clock clock;

    LogsController(LogService logs, LogAccessResolver access, Clock clock) {
        this.logs = logs;
        this.access = access;
        this.clock = clock;
    }

    /**
     * One page of events, newest first unless {@code order=oldest}. {@code from} and {@code to} are the range as
     * resolved for this page: a client paging on passes them with the cursor, so that a relative range ({@code
     * now-15m}) does not move between pages.
     */
    record SearchResponse(List<Event> events, long total, boolean totalExact, @Nullable String nextCursor, long withheld,
                          @Nullable String partial, Instant from, Instant to) {
    }

    record Event(String id, Instant timestamp, String service, String level, String message, Map<String, String> fields,
            boolean withheld) {
        static Event of(MaskedLogEvent e) {
            Map<String, String> fields = new LinkedHashMap<>();
            e.fields().asMap().forEach((k, v) -> fields.put(k, v.text()));
            return new Event(e.id(), e.timestamp(), e.service(), e.level(), e.message().text(), fields, e.withheld());
        }
    }

    record HistogramResponse(String interval, List<Bucket> buckets, long total, @Nullable String partial) {
    }

    record Bucket(Instant start, long count) {
    }

    record TopResponse(String field, List<Top> values, long eventsWithField, long otherCount,
                       @Nullable String partial) {
    }

    record Top(String value, long count) {
    }

    record ContextResponse(List<Event> before, Event event, List<Event> after, @Nullable String partial) {
    }

    @GetMapping("/search")
    SearchResponse search(Authentication auth, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "now-15m") String from, @RequestParam(defaultValue = "now") String to,
            @RequestParam(defaultValue = "100") int limit, @RequestParam(defaultValue = "newest") String order,
            @RequestParam Optional<String> cursor) {
        LogOrder sort = switch (order.toLowerCase(Locale.ROOT)) {
            case "newest" -> LogOrder.NEWEST_FIRST;
            case "oldest" -> LogOrder.OLDEST_FIRST;
            default -> throw new InvalidQueryException("order must be newest or oldest");
        };
        LogQuery query = query(q, from, to);
        LogPage page = logs.search(access(auth), query, limit, sort, cursor, logs.newControl());
        return new SearchResponse(page.events().stream().map(Event::of).toList(), page.total(), page.totalExact(),
                page.nextCursor().orElse(null), page.withheld(), page.partial().orElse(null), query.from(),
                query.to());
    }

    @GetMapping("/histogram")
    HistogramResponse histogram(Authentication auth, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "now-15m") String from, @RequestParam(defaultValue = "now") String to,
            @RequestParam Optional<String> interval) {
        Optional<Duration> step = interval.map(i -> {
            try {
                return DurationStyle.detectAndParse(i);
            } catch (IllegalArgumentException e) {
                throw new InvalidQueryException("interval must be a duration like 1m or 1h");
            }
        });
        LogHistogram histogram = logs.histogram(access(auth), query(q, from, to), step, logs.newControl());
        return new HistogramResponse(histogram.interval().toString(),
                histogram.buckets().stream().map(b -> new Bucket(b.start(), b.count())).toList(), histogram.total(),
                histogram.partial().orElse(null));
    }

    @GetMapping("/fields/{name}/top")
    TopResponse top(Authentication auth, @PathVariable String name, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "now-15m") String from, @RequestParam(defaultValue = "now") String to,
            @RequestParam(defaultValue = "10") int size) {
        LogTopValues top = logs.topValues(access(auth), query(q, from, to), name, Math.min(Math.max(size, 1), 100),
                logs.newControl());
        return new TopResponse(top.field(), top.values().stream()
                .map(v -> new Top(v.value().text(), v.count())).toList(), top.eventsWithField(), top.otherCount(),
                top.partial().orElse(null));
    }

    @GetMapping("/events/{id}/context")
    ResponseEntity<?> context(Authentication auth, @PathVariable String id,
            @RequestParam(defaultValue = "10") int before, @RequestParam(defaultValue = "10") int after) {
        Optional<LogContext> context = logs.context(access(auth), id, Math.min(Math.max(before, 0), 200),
                Math.min(Math.max(after, 0), 200), logs.newControl());
        return context.<ResponseEntity<?>>map(c -> ResponseEntity.ok(new ContextResponse(
                        c.before().stream().map(Event::of).toList(), Event.of(c.anchor()),
                        c.after().stream().map(Event::of).toList(), c.partial().orElse(null))))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(new ApiError("not_found", "No such event in your scope.")));
    }

    /**
     * The matching events as a CSV or NDJSON file, streamed, at most {@code periscope.logs.export-max-rows} rows (a
     * last line says when the cap cut it short). Refusals (policy, query, scope, audit) answer before the body starts.
     * A page that fails once the body has begun (time limit, backend down) cannot change the status any more: the
     * file then ends with a line saying that it is incomplete and why.
     */
    @GetMapping("/export")
    void export(Authentication auth, @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "now-15m") String from, @RequestParam(defaultValue = "now") String to,
            @RequestParam(defaultValue = "csv") String format, HttpServletResponse response) throws IOException {
        ExportFormat type = ExportFormat.of(format)
                .orElseThrow(() -> new InvalidQueryException("format must be csv or ndjson"));
        LogService.LogExport export = logs.openExport(liveAccess(auth), query(q, from, to), type);
        response.setContentType(type.contentType() + ";charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"logs-"
                + clock.instant().toString().replace(':', '-') + "." + type.extension() + "\"");
        export.writeTo(response.getOutputStream(), logs.newControl());
    }

    /** The access now, and the way to ask for it again while a long answer is written. */
    private LiveAccess liveAccess(Authentication auth) {
        var user = CurrentUser.from(auth);
        return new LiveAccess(access(auth), () -> access.forUser(user, "api"));
    }

    private LogAccess access(Authentication auth) {
        return access.forUser(CurrentUser.from(auth), "api")
                .orElseThrow(() -> new LogAccessDeniedException("Your roles give you no access to logs."));
    }

    private LogQuery query(String q, String from, String to) {
        Instant start = time(from, "from");
        Instant end = time(to, "to");
        if (end.isBefore(start)) {
            throw new InvalidQueryException("'to' is before 'from'");
        }
        return new LogQuery(q, start, end);
    }

    private Instant time(String text, String name) {
        return TimeExpressions.parse(text, clock).orElseThrow(() -> new InvalidQueryException(
                "'" + name + "' must be an ISO time like 2026-11-22T10:00:00Z or relative like now-15m"));
    }

    @ExceptionHandler(InvalidQueryException.class)
    ResponseEntity<Map<String, Object>> badQuery(InvalidQueryException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "bad_query");
        body.put("message", e.getMessage());
        e.position().ifPresent(p -> body.put("position", p));
        return ResponseEntity.badRequest().body(body);
    }

    @ExceptionHandler(QueryProbeRefusedException.class)
    ResponseEntity<ApiError> probe(QueryProbeRefusedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new ApiError("search_by_token", e.getMessage()));
    }

    @ExceptionHandler(LogAccessDeniedException.class)
    ResponseEntity<ApiError> outOfScope(LogAccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new ApiError("forbidden", e.getMessage()));
    }

    @ExceptionHandler(QueryTimeoutException.class)
    ResponseEntity<ApiError> timeout(QueryTimeoutException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(new ApiError("query_timeout", "The query took too long. Narrow the time range or the query."));
    }

    @ExceptionHandler(BackendUnavailableException.class)
    ResponseEntity<ApiError> backendDown(BackendUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(new ApiError("backend_unavailable", e.getMessage()));
    }

    @ExceptionHandler(AuditUnavailableException.class)
    ResponseEntity<ApiError> auditDown(AuditUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(new ApiError("audit_unavailable", "The audit trail cannot record this read, so it was refused."));
    }

}
