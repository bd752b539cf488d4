package dev.periscope.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.audit.RecordingAuditTrail;
import dev.periscope.base.ExportFormat;
import dev.periscope.logs.query.BackendUnavailableException;
import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryNode;
import dev.periscope.logs.query.QueryTimeoutException;
import dev.periscope.logs.store.EventContext;
import dev.periscope.logs.store.EventPage;
import dev.periscope.logs.store.Histogram;
import dev.periscope.logs.store.LogCursor;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.LogStore;
import dev.periscope.logs.store.SortOrder;
import dev.periscope.logs.store.StoreQuery;
import dev.periscope.logs.store.TopValues;
import dev.periscope.logs.store.lucene.LuceneLogStore;
import dev.periscope.logs.store.lucene.LuceneLogStoreProperties;
import dev.periscope.masking.FakeMasker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogExportTest {

    static final LogAccess MAY_EXPORT = LogServiceTest.EVERYTHING.withExport(true);

    @TempDir
    Path dir;
    LuceneLogStore store;
    RecordingAuditTrail audit = new RecordingAuditTrail();

    @BeforeEach
    void setUp() {
        store = new LuceneLogStore(dir, LuceneLogStoreProperties.defaults(), LogServiceTest.CLOCK);
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            String svc = i % 2 == 0 ? "checkout" : "payments";
            events.add(new LogEvent(LogEvent.idOf(i + 1), LogServiceTest.T0.toEpochMilli() + i, svc, "INFO",
                    (i == 7 ? "=HYPERLINK(\"x\") " : "") + "order " + i + " by jane.doe@example.com, \"quoted\"",
                    Map.of("user.email", "user" + i + "@example.com"), svc + ".log", i + 1, i * 100L, false));
        }
        store.add(events);
        store.refresh();
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    LogService service(int maxRows) {
        return new LogService(store, new FakeMasker(), audit, LogsProperties.defaults().withExportMaxRows(maxRows),
                LogQueryValueResolver.identity(), LogServiceTest.CLOCK);
    }

    String export(LogService service, LogAccess access, String q, ExportFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        service.openExport(access, new LogQuery(q, LogServiceTest.T0, LogServiceTest.T0.plusSeconds(3600)), format)
                .writeTo(out, QueryControl.withTimeLimit(Duration.ofSeconds(10)));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_csv_export_holds_every_matching_event_masked_across_many_pages_and_is_audited_with_rows_and_bytes()
            throws IOException {
        String csv = export(service(100_000), MAY_EXPORT, "service:checkout", ExportFormat.CSV);

        List<String> lines = csv.lines().toList();
        assertThat(lines.getFirst()).isEqualTo(
                "\"id\",\"timestamp\",\"service\",\"level\",\"message\",\"fields\",\"source\",\"line\",\"withheld\"");
        assertThat(lines).hasSize(1 + 1250);
        assertThat(csv).doesNotContain("@example.com").contains("<email>").contains("\"\"quoted\"\"")
                .doesNotContain("Export stopped");
        assertThat(audit.begun).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("logs.export");
            assertThat(e.maskedQuery()).isEqualTo("service:checkout");
        });
        assertThat(audit.outcomeOfLast().count()).isEqualTo(1250);
        assertThat(audit.outcomeOfLast().bytes()).isEqualTo(csv.getBytes(StandardCharsets.UTF_8).length);
        assertThat(audit.outcomeOfLast().rulesFired()).containsEntry("email", 1250L);
    }

    @Test
    void an_ndjson_export_is_one_masked_json_object_a_line_newest_first() throws IOException {
        String ndjson = export(service(100_000), MAY_EXPORT, "", ExportFormat.NDJSON);

        List<String> lines = ndjson.lines().toList();
        assertThat(lines).hasSize(2500);
        assertThat(lines.getFirst()).startsWith("{\"id\":\"" + LogEvent.idOf(2500) + "\",\"timestamp\":")
                .contains("\"fields\":{\"user.email\":\"<email>\"}");
        assertThat(ndjson).doesNotContain("@example.com");
    }

    @Test
    void an_export_stops_at_the_configured_cap_and_says_so_in_its_last_line() throws IOException {
        String csv = export(service(1000), MAY_EXPORT, "", ExportFormat.CSV);
        String ndjson = export(service(1000), MAY_EXPORT, "", ExportFormat.NDJSON);

        assertThat(csv.lines()).hasSize(1 + 1000 + 1);
        assertThat(csv.lines().toList().getLast()).startsWith("\"# Export stopped at 1000 rows");
        assertThat(ndjson.lines()).hasSize(1000 + 1);
        assertThat(ndjson.lines().toList().getLast()).startsWith("{\"_note\":\"Export stopped at 1000 rows");
        assertThat(audit.outcomeOfLast().count()).isEqualTo(1000);
    }

    @Test
    void an_export_of_exactly_the_cap_is_not_marked_as_cut_short() throws IOException {
        String csv = export(service(1250), MAY_EXPORT, "service:payments", ExportFormat.CSV);

        assertThat(csv.lines()).hasSize(1 + 1250);
        assertThat(csv).doesNotContain("Export stopped");
    }

    @Test
    void a_spreadsheet_formula_in_a_message_is_neutralised() throws IOException {
        String csv = export(service(100_000), MAY_EXPORT, "", ExportFormat.CSV);

        assertThat(csv).contains("\"'=HYPERLINK(\"\"x\"\") order 7");
    }

    @Test
    void an_export_stays_in_the_user_scope() throws IOException {
        LogAccess checkoutOnly = LogServiceTest.CHECKOUT_ONLY.withExport(true);
        String csv = export(service(100_000), checkoutOnly, "service:payments OR service:*", ExportFormat.CSV);

        assertThat(csv).doesNotContain("payments");
        assertThat(csv.lines()).hasSize(1 + 1250);
    }

    @Test
    void without_the_policy_export_flag_nothing_is_written_and_the_refusal_is_audited() {
        LogQuery query = new LogQuery("", LogServiceTest.T0, LogServiceTest.T0.plusSeconds(60));

        assertThatThrownBy(() -> service(100).openExport(LogServiceTest.EVERYTHING, query, ExportFormat.CSV))
                .isInstanceOf(LogAccessDeniedException.class).hasMessageContaining("does not allow exporting");
        assertThat(audit.begun).isEmpty();
        assertThat(audit.recorded).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("logs.export");
            assertThat(e.decision()).isEqualTo(AuditEntry.Decision.DENIED);
        });
    }

    @Test
    void an_export_is_refused_before_any_byte_when_the_audit_record_cannot_be_made_durable() {
        audit.unavailable = true;
        LogQuery query = new LogQuery("", LogServiceTest.T0, LogServiceTest.T0.plusSeconds(60));

        assertThatThrownBy(() -> service(100).openExport(MAY_EXPORT, query, ExportFormat.NDJSON))
                .isInstanceOf(AuditUnavailableException.class);
    }

    @Test
    void a_cancelled_export_stops_and_its_record_is_still_completed() throws IOException {
        QueryControl control = QueryControl.withTimeLimit(Duration.ofSeconds(10));
        ByteArrayOutputStream cancelAfterFirstBytes = new ByteArrayOutputStream() {
            @Override
            public void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                control.cancel();
            }
        };
        LogExportResult result = service(100_000).openExport(MAY_EXPORT,
                        new LogQuery("", LogServiceTest.T0, LogServiceTest.T0.plusSeconds(3600)), ExportFormat.CSV)
                .writeTo(cancelAfterFirstBytes, control);

        assertThat(result.rows()).isLessThan(2500);
        assertThat(audit.completed).hasSize(1);
        assertThat(cancelAfterFirstBytes.toString(StandardCharsets.UTF_8).lines().toList().getLast())
                .startsWith("\"# Export incomplete: it stopped after " + result.rows() + " rows because it was cancelled");
        assertThat(result.stoppedEarly()).isPresent();
    }

    /** The test store, except that every page after the first fails as {@code failure} says. */
    private LogStore failingAfterTheFirstPage(java.util.function.Supplier<RuntimeException> failure) {
        return searching((query, order, limit, after, control) -> {
            if (after.isPresent()) {
                throw failure.get();
            }
            return store.search(query, order, limit, after, control);
        });
    }

    private interface Search {
        EventPage search(StoreQuery query, SortOrder order, int limit, Optional<LogCursor> after, QueryControl control);
    }

    /** The test store, with its pages served by {@code search}. */
    private LogStore searching(Search search) {
        return new LogStore() {
            @Override
            public String backend() {
                return store.backend();
            }

            @Override
            public EventPage search(StoreQuery query, SortOrder order, int limit, Optional<LogCursor> after,
                                    QueryControl control) {
                return search.search(query, order, limit, after, control);
            }

            @Override
            public Histogram histogram(StoreQuery query, long intervalMillis, QueryControl control) {
                return store.histogram(query, intervalMillis, control);
            }

            @Override
            public TopValues topValues(StoreQuery query, String field, int size, QueryControl control) {
                return store.topValues(query, field, size, control);
            }

            @Override
            public Optional<EventContext> context(String eventId, QueryNode scope, int before, int after,
                                                  QueryControl control) {
                return store.context(eventId, scope, before, after, control);
            }

            @Override
            public EventPage tail(StoreQuery query, LogCursor after, int limit, QueryControl control) {
                return store.tail(query, after, limit, control);
            }

            @Override
            public int maxPageSize() {
                return store.maxPageSize();
            }
        };
    }

    private LogExportResult exportWith(LogStore pages, ExportFormat format, ByteArrayOutputStream out)
            throws IOException {
        LogService service = new LogService(pages, new FakeMasker(), audit, LogsProperties.defaults(),
                LogQueryValueResolver.identity(), LogServiceTest.CLOCK);
        return service.openExport(MAY_EXPORT, new LogQuery("", LogServiceTest.T0,
                LogServiceTest.T0.plusSeconds(3600)), format).writeTo(out, QueryControl.withTimeLimit(
                Duration.ofSeconds(10)));
    }

    @Test
    void an_export_of_pages_that_shards_left_incomplete_ends_with_a_line_saying_so() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exportWith(searching((query, order, limit, after, control) -> {
            EventPage page = store.search(query, order, limit, after, control);
            return new EventPage(page.events(), page.total(), page.totalExact(), page.next(),
                    Optional.of("2 of 5 shards of the log store failed (node_disconnected_exception); results may be"
                            + " incomplete."));
        }), ExportFormat.NDJSON, out);

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getLast()).contains("Export may be incomplete: 2 of 5 shards of the log store failed");
        assertThat(lines.stream().filter(l -> l.contains("may be incomplete"))).hasSize(1);
    }

    @Test
    void an_export_goes_on_past_a_page_whose_events_were_all_gone_when_they_were_loaded() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.util.concurrent.atomic.AtomicInteger pages = new java.util.concurrent.atomic.AtomicInteger();
        LogExportResult result = exportWith(searching((query, order, limit, after, control) -> {
            EventPage page = store.search(query, order, limit, after, control);
            // As on Elasticsearch when the first page's documents were deleted between their hits and their loading.
            return pages.getAndIncrement() == 0
                    ? new EventPage(List.of(), page.total(), page.totalExact(), page.next()) : page;
        }), ExportFormat.NDJSON, out);

        assertThat(pages.get()).isGreaterThanOrEqualTo(2);
        assertThat(result.rows()).isPositive();
        assertThat(result.stoppedEarly()).isEmpty();
    }

    @Test
    void an_export_whose_second_page_times_out_ends_with_a_line_saying_it_is_incomplete_and_the_trail_says_so()
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogExportResult result = exportWith(failingAfterTheFirstPage(() -> new QueryTimeoutException(
                "The query took longer than its limit of 10000 ms.", false)), ExportFormat.CSV, out);

        String csv = out.toString(StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertThat(lines).as("header, the first page, the note").hasSize(1 + 1000 + 1);
        assertThat(lines.getLast()).startsWith("\"# Export incomplete: it stopped after 1000 rows because a page took"
                + " longer than the query time limit.");
        assertThat(result.rows()).isEqualTo(1000);
        assertThat(result.capped()).isFalse();
        assertThat(result.stoppedEarly()).hasValueSatisfying(why -> assertThat(why).startsWith("Export incomplete"));
        assertThat(result.bytes()).as("everything written was flushed").isEqualTo(out.size());
        assertThat(audit.outcomeOfLast().count()).isEqualTo(1000);
        assertThat(audit.outcomeOfLast().bytes()).isEqualTo(out.size());
        assertThat(audit.recorded).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("logs.export");
            assertThat(e.decision()).isEqualTo(AuditEntry.Decision.FAILED);
            assertThat(e.reason()).startsWith("Export incomplete: it stopped after 1000 rows");
        });
    }

    @Test
    void an_export_stops_at_the_next_page_when_the_readers_access_ends_while_it_is_written() throws IOException {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        // The grant holds for the first page only: every later check finds the reader without access.
        LiveAccess live = new LiveAccess(MAY_EXPORT,
                () -> asked.incrementAndGet() == 1 ? Optional.of(MAY_EXPORT) : Optional.empty());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        LogExportResult result = service(100_000).openExport(live, new LogQuery("", LogServiceTest.T0,
                LogServiceTest.T0.plusSeconds(3600)), ExportFormat.CSV).writeTo(out,
                QueryControl.withTimeLimit(Duration.ofSeconds(10)));

        assertThat(result.rows()).isEqualTo(1000);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList().getLast())
                .startsWith("\"# Export incomplete: it stopped after 1000 rows because your access to logs changed");
        assertThat(audit.recorded).singleElement()
                .satisfies(e -> assertThat(e.decision()).isEqualTo(AuditEntry.Decision.FAILED));
        assertThat(audit.outcomeOfLast().count()).isEqualTo(1000);
    }

    @Test
    void an_ndjson_export_whose_backend_goes_down_after_the_first_page_says_so_in_its_last_line() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exportWith(failingAfterTheFirstPage(() -> new BackendUnavailableException(
                "The log store (Elasticsearch) is busy. Try again shortly.", new IOException("429"))),
                ExportFormat.NDJSON, out);

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1000 + 1);
        assertThat(lines.getLast()).isEqualTo("{\"_note\":\"Export incomplete: it stopped after 1000 rows because the"
                + " log store could not be read. The log store (Elasticsearch) is busy. Try again shortly.\"}");
        assertThat(audit.recorded).singleElement()
                .satisfies(e -> assertThat(e.decision()).isEqualTo(AuditEntry.Decision.FAILED));
    }

    @Test
    void an_export_that_fails_for_an_unforeseen_reason_says_so_without_the_details() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exportWith(failingAfterTheFirstPage(() -> new IllegalStateException("segment _3 is corrupt at /var/x")),
                ExportFormat.CSV, out);

        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv.lines().toList().getLast()).isEqualTo(
                "\"# Export incomplete: it stopped after 1000 rows because the log store failed. Try again shortly.\"");
        assertThat(csv).doesNotContain("/var/x");
    }
}
