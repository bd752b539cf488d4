package dev.periscope.auditor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditEvent;
import dev.periscope.audit.AuditOutcome;
import dev.periscope.audit.AuditQuery;
import dev.periscope.audit.AuditSearch;
import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.audit.RecordingAuditTrail;
import dev.periscope.base.ExportFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditExportTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final AuditEntry.Actor AUDITOR = new AuditEntry.Actor("auditor", List.of("AUDITOR"), "s", "::1",
            "ua");

    private final RecordingAuditTrail trail = new RecordingAuditTrail();
    private final List<AuditQuery> asked = new ArrayList<>();

    @Test
    void writes_one_quoted_csv_row_per_record_with_the_masking_summary() throws Exception {
        String csv = export(events(2), ExportFormat.CSV, 100);

        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("\"id\",\"seq\",\"time\"");
        assertThat(lines[1]).contains("\"e0\"", "\"oncall\"", "\"logs.search\"", "\"email=3\"", "\"ar-1\"");
    }

    @Test
    void neutralises_query_text_a_spreadsheet_would_run_as_a_formula() {
        assertThat(AuditExport.csv("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(AuditExport.csv("level:ERROR")).isEqualTo("\"level:ERROR\"");
    }

    @Test
    void writes_one_json_object_per_line_as_ndjson() throws Exception {
        String ndjson = export(events(3), ExportFormat.NDJSON, 100);

        assertThat(ndjson.lines()).hasSize(3);
        assertThat(ndjson.lines().findFirst().orElseThrow()).startsWith("{\"id\":\"e0\",\"seq\":0,");
    }

    @Test
    void exports_carry_the_decision_as_recorded_whatever_words_the_views_show() throws Exception {
        List<AuditEvent> probe = List.of(event(0, AuditEntry.Decision.PROBE_REFUSED));

        assertThat(export(probe, ExportFormat.CSV, 100)).contains("\"PROBE_REFUSED\"");
        assertThat(export(probe, ExportFormat.NDJSON, 100)).contains("\"decision\":\"PROBE_REFUSED\"");
    }

    @Test
    void stops_at_the_row_cap() throws Exception {
        String ndjson = export(events(2_500), ExportFormat.NDJSON, 1_200);

        assertThat(ndjson.lines()).hasSize(1_200);
    }

    @Test
    void records_the_export_with_its_filter_before_writing() throws Exception {
        export(events(1), ExportFormat.CSV, 100, AuditQuery.all(1).withUser("oncall"));

        assertThat(trail.actions()).containsExactly("audit.export");
        AuditEntry entry = trail.recorded.getFirst();
        assertThat(entry.actor().userId()).isEqualTo("auditor");
        assertThat(entry.maskedQuery()).contains("CSV", "user=oncall");
        // The end of the range is pinned, so records written during the export cannot shift its pages.
        assertThat(asked).allSatisfy(q -> assertThat(q.to()).contains(NOW));
    }

    @Test
    void exports_nothing_when_the_export_cannot_be_recorded() {
        trail.unavailable = true;
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> exporter(events(5), 100).write(AUDITOR, AuditQuery.all(1), ExportFormat.CSV, out))
                .isInstanceOf(AuditUnavailableException.class);
        assertThat(out.size()).isZero();
    }

    private String export(List<AuditEvent> all, ExportFormat format, int cap) throws Exception {
        return export(all, format, cap, AuditQuery.all(1));
    }

    private String export(List<AuditEvent> all, ExportFormat format, int cap, AuditQuery filter) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter(all, cap).write(AUDITOR, filter, format, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private AuditExport exporter(List<AuditEvent> all, int cap) {
        AuditSearch search = new AuditSearch() {
            @Override
            public Page search(AuditQuery query) {
                asked.add(query);
                int to = Math.min(all.size(), query.offset() + query.limit());
                return new Page(query.offset() >= to ? List.of() : all.subList(query.offset(), to), all.size());
            }

            @Override
            public Optional<AuditEvent> find(String id) {
                return Optional.empty();
            }

            @Override
            public long rebuild() {
                return all.size();
            }
        };
        return new AuditExport(search, trail, Clock.fixed(NOW, ZoneOffset.UTC), cap);
    }

    private static List<AuditEvent> events(int n) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(event(i, AuditEntry.Decision.ALLOWED));
        }
        return events;
    }

    private static AuditEvent event(int i, AuditEntry.Decision decision) {
        return new AuditEvent("e" + i, i, NOW.minusSeconds(i), "begin", "oncall", List.of("ONCALL"), "h",
                "127.0.0.1", "curl", "logs.search", "lucene", List.of("checkout"), Optional.empty(),
                Optional.empty(), "level:ERROR email:‹email:1›", decision, "",
                Optional.of("ar-1"), Optional.of(new AuditOutcome(4, 100, 3, Map.of("email", 3L), 0)));
    }
}
