package dev.periscope.auditor;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditEvent;
import dev.periscope.audit.AuditOutcome;
import dev.periscope.audit.AuditQuery;
import dev.periscope.audit.AuditSearch;
import dev.periscope.audit.AuditTrail;
import dev.periscope.base.ExportFormat;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a filtered set of audit records as CSV or NDJSON for external auditors. The export is recorded in the trail
 * before a single row is written: if that record cannot be made durable, nothing is exported.
 */
final class AuditExport {

    static final List<String> COLUMNS = List.of("id", "seq", "time", "type", "user", "roles", "session", "client",
            "userAgent", "action", "backend", "services", "from", "to", "maskedQuery", "decision", "reason", "grant",
            "count", "bytes", "durationMs", "withheld", "rulesFired");

    private static final int PAGE = 1_000;

    private final AuditSearch search;
    private final AuditTrail trail;
    private final Clock clock;
    private final int maxRows;
    private final JsonMapper json = JsonMapper.builder().build();

    AuditExport(AuditSearch search, AuditTrail trail, Clock clock, int maxRows) {
        this.search = search;
        this.trail = trail;
        this.clock = clock;
        this.maxRows = maxRows;
    }

    /** Writes the records matching {@code filter}, newest first, at most {@code maxRows}; returns how many. */
    long write(AuditEntry.Actor actor, AuditQuery filter, ExportFormat format, OutputStream out) throws IOException {
        // Records written while the export runs would shift every later page by one (newest first): pin the end.
        Instant now = clock.instant();
        AuditQuery pinned = filter.to().isPresent() && filter.to().get().isBefore(now) ? filter
                : filter.between(filter.from().orElse(Instant.EPOCH), now);
        trail.record(new AuditEntry(actor, "audit.export", AuditEntry.Target.none(), describe(pinned, format),
                AuditEntry.Decision.ALLOWED, "export of audit records, at most " + maxRows + " rows",
                Optional.empty()));
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        if (format == ExportFormat.CSV) {
            writer.write(COLUMNS.stream().map(AuditExport::csv).collect(Collectors.joining(",")));
            writer.write("\r\n");
        }
        long written = 0;
        while (written < maxRows) {
            int limit = (int) Math.min(PAGE, maxRows - written);
            List<AuditEvent> events = search.search(pinned.page((int) written, limit)).events();
            for (AuditEvent event : events) {
                Map<String, Object> row = row(event);
                if (format == ExportFormat.CSV) {
                    writer.write(row.values().stream().map(v -> csv(String.valueOf(v)))
                            .collect(Collectors.joining(",")));
                    writer.write("\r\n");
                } else {
                    writer.write(json.writeValueAsString(row));
                    writer.write("\n");
                }
            }
            written += events.size();
            if (events.size() < limit) {
                break;
            }
        }
        writer.flush();
        return written;
    }

    /** The filter as text for the export's own audit record; its values are the auditor's, already masked or ids. */
    static String describe(AuditQuery q, ExportFormat format) {
        return format.name() + filters(q);
    }

    /** The filters set, each as " name=value"; empty for an unfiltered query. */
    static String filters(AuditQuery q) {
        StringBuilder s = new StringBuilder();
        q.user().ifPresent(v -> s.append(" user=").append(v));
        q.action().ifPresent(v -> s.append(" action=").append(v));
        q.service().ifPresent(v -> s.append(" service=").append(v));
        q.decision().ifPresent(v -> s.append(" decision=").append(v));
        q.grant().ifPresent(v -> s.append(" grant=").append(v));
        q.from().ifPresent(v -> s.append(" from=").append(v));
        q.to().ifPresent(v -> s.append(" to=").append(v));
        q.text().ifPresent(v -> s.append(" text=").append(v));
        return s.toString();
    }

    static Map<String, Object> row(AuditEvent e) {
        Map<String, Object> row = new LinkedHashMap<>();
        Optional<AuditOutcome> outcome = e.outcome();
        row.put("id", e.id());
        row.put("seq", e.seq());
        row.put("time", e.time().toString());
        row.put("type", e.type());
        row.put("user", e.userId());
        row.put("roles", String.join(" ", e.roles()));
        row.put("session", e.sessionHash());
        row.put("client", e.clientAddress());
        row.put("userAgent", e.userAgent());
        row.put("action", e.action());
        row.put("backend", e.backend());
        row.put("services", String.join(" ", e.services()));
        row.put("from", e.from().map(Instant::toString).orElse(""));
        row.put("to", e.to().map(Instant::toString).orElse(""));
        row.put("maskedQuery", e.maskedQuery());
        row.put("decision", e.decision().name());
        row.put("reason", e.reason());
        row.put("grant", e.grantId().orElse(""));
        row.put("count", outcome.map(o -> String.valueOf(o.count())).orElse(""));
        row.put("bytes", outcome.map(o -> String.valueOf(o.bytes())).orElse(""));
        row.put("durationMs", outcome.map(o -> String.valueOf(o.durationMillis())).orElse(""));
        row.put("withheld", outcome.map(o -> String.valueOf(o.withheld())).orElse(""));
        row.put("rulesFired", outcome.map(o -> o.rulesFired().entrySet().stream()
                .map(r -> r.getKey() + "=" + r.getValue()).sorted().collect(Collectors.joining(" "))).orElse(""));
        return row;
    }

    /**
     * Quotes every field. A field a spreadsheet would run as a formula (a masked query can start with anything) gets
     * a leading apostrophe, so opening the export cannot execute what a user typed into a search box.
     */
    static String csv(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
