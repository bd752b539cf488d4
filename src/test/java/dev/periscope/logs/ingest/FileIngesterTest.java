package dev.periscope.logs.ingest;

import dev.periscope.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.logs.IngestStatus;
import dev.periscope.logs.LogEventEnricher;
import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryNode;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.SortOrder;
import dev.periscope.logs.store.StoreQuery;
import dev.periscope.logs.store.lucene.LuceneLogStore;
import dev.periscope.logs.store.lucene.LuceneLogStoreProperties;
import dev.periscope.problems.Fingerprints;
import dev.periscope.problems.ProblemsProperties;
import dev.periscope.problems.StackTraces;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class FileIngesterTest {

    /** A first line longer than the head a copy is recognised by, so copies are compared on all of it. */
    private static final String LONG_HEAD = "2026-11-22T11:00:00Z INFO "
            + "a first line long enough to fill the file's head ".repeat(6) + "\n";

    @TempDir
    Path temp;
    Path logs;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
    LuceneLogStore store;
    FileIngester ingester;

    @BeforeEach
    void open() throws IOException {
        logs = Files.createDirectories(temp.resolve("ingest"));
        openStore();
    }

    private void openStore() {
        store = new LuceneLogStore(temp.resolve("index"), LuceneLogStoreProperties.defaults(), clock);
        ingester = new FileIngester(IngestProperties.defaults(logs), store, clock);
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    private void append(String file, String text) throws IOException {
        append(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private void append(String file, byte[] bytes) throws IOException {
        Path path = logs.resolve(file);
        Files.createDirectories(path.getParent());
        Files.write(path, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Polls, lets the multi-line wait pass, polls again, and makes the events searchable. */
    private List<LogEvent> ingestAll() {
        ingester.pollOnce();
        clock.advance(Duration.ofSeconds(3));
        ingester.pollOnce();
        ingester.commit();
        store.refresh();
        return all();
    }

    private List<LogEvent> all() {
        List<LogEvent> events = new ArrayList<>();
        var page = store.search(new StoreQuery(new QueryNode.MatchAll(), 0, Long.MAX_VALUE / 2),
                SortOrder.OLDEST_FIRST, 1000, Optional.empty(), QueryControl.withTimeLimit(Duration.ofSeconds(10)));
        events.addAll(page.events());
        return events;
    }

    @Test
    void reads_plain_lines_with_timestamp_level_and_service_and_names_the_rest_after_the_file() throws IOException {
        append("checkout.log", """
                2026-11-22T11:00:00.123Z INFO [payments] card authorised
                2026-11-22 11:00:01,500 WARN slow request took 2300 ms
                """);
        List<LogEvent> events = ingestAll();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).service()).isEqualTo("payments");
        assertThat(events.get(0).level()).isEqualTo("INFO");
        assertThat(events.get(0).message()).isEqualTo("card authorised");
        assertThat(events.get(0).timestamp()).isEqualTo(Instant.parse("2026-11-22T11:00:00.123Z").toEpochMilli());
        assertThat(events.get(1).service()).isEqualTo("checkout");
        assertThat(events.get(1).level()).isEqualTo("WARN");
        assertThat(events.get(1).source()).isEqualTo("checkout.log");
        assertThat(events.get(1).line()).isEqualTo(2);
    }

    @Test
    void a_file_found_under_a_new_device_number_after_a_remount_is_read_on_not_read_again() throws IOException {
        append("app.log", "2026-11-22T11:00:00Z INFO one\n2026-11-22T11:00:01Z INFO two\n");
        assertThat(ingestAll()).hasSize(2);
        // The same file system mounted again: every file key names another device, with the same inodes.
        String checkpoint = store.committedCheckpoint().orElseThrow();
        String remounted = checkpoint.replaceAll("dev%3D[0-9a-fA-F]+", "dev%3Dbeef")
                .replaceAll("\\(dev=[0-9a-fA-F]+", "(dev=beef");
        assertThat(remounted).isNotEqualTo(checkpoint);
        store.commit(remounted);
        ingester = new FileIngester(IngestProperties.defaults(logs), store, clock);

        append("app.log", "2026-11-22T11:00:02Z INFO three\n");
        List<LogEvent> events = ingestAll();

        assertThat(events).extracting(LogEvent::message).containsExactly("one", "two", "three");
        assertThat(ingester.ingestStatus().lostBytes()).isZero();
    }

    @Test
    void a_file_that_went_away_while_ingest_was_stopped_counts_at_least_what_it_held_unread_as_lost()
            throws IOException {
        append("app.log", "2026-11-22T11:00:00Z INFO one\n");
        assertThat(ingestAll()).hasSize(1);
        // The last event still waits for continuation lines when the portal stops: the checkpoint is before it.
        append("app.log", "2026-11-22T11:00:01Z INFO two\n");
        long unread = "2026-11-22T11:00:01Z INFO two\n".length();
        ingester.pollOnce();
        ingester.commit();

        Files.delete(logs.resolve("app.log")); // rotated away and removed while ingest was stopped
        ingester = new FileIngester(IngestProperties.defaults(logs), store, clock);
        ingestAll();

        assertThat(ingester.ingestStatus().lostBytes()).isEqualTo(unread);
        assertThat(ingester.ingestStatus().lastError()).hasValueSatisfying(e -> assertThat(e)
                .contains("at least " + unread + " bytes"));
    }

    @Test
    void a_file_rewritten_while_ingest_was_stopped_with_an_event_pending_is_read_anew_not_from_the_old_offset()
            throws IOException {
        String head = "2026-11-22T11:00:00Z INFO " + "h".repeat(300) + "\n";
        append("app.log", LONG_HEAD + "2026-11-22T11:00:01Z INFO before\n");
        assertThat(ingestAll()).hasSize(2);
        append("app.log", "2026-11-22T11:00:02Z INFO pending\n");
        ingester.pollOnce(); // waits for continuation lines: the checkpoint is before it
        ingester.commit();

        // Rewritten in place while ingest was stopped: the same head, other lines, the same length up to the offset.
        Files.writeString(logs.resolve("app.log"), LONG_HEAD + "2026-11-22T11:00:01Z INFO BEFORE\n"
                + "2026-11-22T11:00:02Z INFO replaced\n");
        ingester = new FileIngester(IngestProperties.defaults(logs), store, clock);
        List<LogEvent> events = ingestAll();

        assertThat(events).extracting(LogEvent::message).contains("BEFORE", "replaced");
    }

    @Test
    void times_without_a_zone_are_read_in_the_default_zone_of_the_settings() throws IOException {
        ingester = new FileIngester(new IngestProperties(true, logs, Duration.ofMillis(250), Duration.ofSeconds(5),
                Duration.ofSeconds(2), DataSize.ofMegabytes(1), 20_000, java.time.ZoneId.of("Europe/Berlin")),
                store, clock);
        append("app.log", "2026-11-22 12:00:00,500 INFO local time\n2026-11-22T11:00:01Z INFO utc\n");

        List<LogEvent> events = ingestAll();

        assertThat(events).extracting(LogEvent::timestamp).containsExactly(
                Instant.parse("2026-11-22T11:00:00.500Z").toEpochMilli(),
                Instant.parse("2026-11-22T11:00:01Z").toEpochMilli());
    }

    @Test
    void reads_ndjson_with_nested_fields_flattened_and_logfmt_anywhere() throws IOException {
        append("sub/orders.ndjson", """
                {"@timestamp":"2026-11-22T11:00:00Z","level":"error","service":{"name":"orders"},"message":"order failed","order":{"id":"o-1","total":12.5},"tags":["a","b"]}
                """);
        append("api.log", "ts=2026-11-22T11:00:02Z level=warn msg=\"rate limited\" user=u-7 path=/api/cart\n");
        List<LogEvent> events = ingestAll();
        assertThat(events).hasSize(2);
        LogEvent json = events.get(0);
        assertThat(json.service()).isEqualTo("orders");
        assertThat(json.level()).isEqualTo("ERROR");
        assertThat(json.message()).isEqualTo("order failed");
        assertThat(json.fields()).containsEntry("order.id", "o-1").containsEntry("order.total", "12.5")
                .containsEntry("tags", "[\"a\",\"b\"]");
        LogEvent logfmt = events.get(1);
        assertThat(logfmt.service()).isEqualTo("api");
        assertThat(logfmt.message()).isEqualTo("rate limited");
        assertThat(logfmt.fields()).containsEntry("user", "u-7").containsEntry("path", "/api/cart");
    }

    @Test
    void reads_http_access_lines() throws IOException {
        append("gateway.log", "203.0.113.9 - - [22/Nov/2026:11:00:00 +0000] \"GET /api/orders HTTP/1.1\" 503 12 "
                + "\"-\" \"curl/8.0\" 1250\n");
        LogEvent event = ingestAll().getFirst();
        assertThat(event.level()).isEqualTo("ERROR");
        assertThat(event.fields()).containsEntry("http.status", "503").containsEntry("url.path", "/api/orders")
                .containsEntry("duration_ms", "1250").containsEntry("client.ip", "203.0.113.9");
    }

    @Test
    void keeps_a_stack_trace_split_across_two_writes_in_one_event() throws IOException {
        append("checkout.log", """
                2026-11-22T11:00:00Z ERROR request failed
                java.lang.IllegalStateException: boom
                \tat com.example.Checkout.pay(Checkout.java:42)
                """);
        ingester.pollOnce();
        clock.advance(Duration.ofMillis(500));
        append("checkout.log", """
                \tat com.example.Checkout.run(Checkout.java:12)
                Caused by: java.io.IOException: socket closed
                \t... 3 more
                2026-11-22T11:00:01Z INFO next
                """);
        List<LogEvent> events = ingestAll();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).message()).startsWith("request failed\njava.lang.IllegalStateException: boom")
                .contains("Checkout.run").endsWith("\t... 3 more");
        assertThat(events.get(1).message()).isEqualTo("next");
    }

    @Test
    void follows_a_rotated_file_to_its_end_and_starts_the_new_file_from_zero() throws IOException {
        append("app.log", "2026-11-22T11:00:00Z INFO one\n2026-11-22T11:00:01Z INFO two\n");
        ingestAll();
        Files.move(logs.resolve("app.log"), logs.resolve("app.log.1"));
        append("app.log.1", "2026-11-22T11:00:02Z INFO three (late write to the old file)\n");
        append("app.log", "2026-11-22T11:00:03Z INFO four\n");
        List<LogEvent> events = ingestAll();
        assertThat(events).extracting(LogEvent::message)
                .containsExactly("one", "two", "three (late write to the old file)", "four");
        assertThat(ingester.ingestStatus().rotations()).isEqualTo(1);
    }

    @Test
    void reads_a_truncated_file_again_from_the_start() throws IOException {
        append("app.log", "2026-11-22T11:00:00Z INFO before truncation with a long enough line\n");
        ingestAll();
        try (FileChannel channel = FileChannel.open(logs.resolve("app.log"), StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        append("app.log", "2026-11-22T11:00:05Z INFO after\n");
        List<LogEvent> events = ingestAll();
        assertThat(events).extracting(LogEvent::message)
                .containsExactly("before truncation with a long enough line", "after");
        assertThat(ingester.ingestStatus().truncations()).isEqualTo(1);
    }

    @Test
    void a_restart_mid_file_neither_loses_nor_repeats_events() throws IOException {
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            first.append("2026-11-22T11:00:00Z INFO line ").append(i).append('\n');
        }
        append("app.log", first.toString());
        ingester.pollOnce();
        ingester.commit();
        StringBuilder second = new StringBuilder();
        for (int i = 100; i < 150; i++) {
            second.append("2026-11-22T11:00:00Z INFO line ").append(i).append('\n');
        }
        append("app.log", second.toString());
        ingester.pollOnce(); // read and handed to the store, but never committed: the process dies here
        store.close();

        openStore();
        List<LogEvent> events = ingestAll();
        assertThat(events).hasSize(150);
        assertThat(events).extracting(LogEvent::id).doesNotHaveDuplicates();
        assertThat(events).extracting(LogEvent::message).contains("line 0", "line 99", "line 100", "line 149");
    }

    @Test
    void a_restart_in_the_middle_of_a_cut_line_drops_the_rest_of_it_instead_of_making_it_an_event() throws IOException {
        IngestProperties small = new IngestProperties(true, logs, Duration.ofMillis(250), Duration.ofSeconds(5),
                Duration.ofSeconds(2), DataSize.ofBytes(200), 20_000);
        ingester = new FileIngester(small, store, clock);
        append("app.ndjson", "{\"message\":\"" + "y".repeat(500)); // still being written
        ingester.pollOnce();
        ingester.commit();
        store.close();

        store = new LuceneLogStore(temp.resolve("index"), LuceneLogStoreProperties.defaults(), clock);
        ingester = new FileIngester(small, store, clock);
        append("app.ndjson", "yyyy\"}\n{\"message\":\"next\"}\n");
        List<LogEvent> events = ingestAll();

        assertThat(events).hasSize(2);
        assertThat(events).extracting(LogEvent::message).anyMatch(m -> m.endsWith(Text.CUT_MARKER)).contains("next")
                .noneMatch(m -> m.startsWith("yyyy"));
    }

    @Test
    void a_file_written_again_from_the_same_start_and_grown_past_the_offset_is_read_from_its_start() throws IOException {
        String banner = "2026-11-22T11:00:00Z INFO " + "starting the application, version 1.2.3 ".repeat(8) + "\n";
        append("app.log", banner + "2026-11-22T11:00:01Z INFO old run line 1\n");
        ingestAll();
        // The application restarts with "> app.log": the same banner, then more than before, between two polls.
        Files.writeString(logs.resolve("app.log"), banner + "2026-11-22T11:00:02Z INFO new run line 1\n"
                + "2026-11-22T11:00:03Z INFO new run line 2, which is quite long\n");

        List<LogEvent> events = ingestAll();

        assertThat(events).extracting(LogEvent::message)
                .contains("old run line 1", "new run line 1", "new run line 2, which is quite long")
                .allSatisfy(m -> assertThat(m).doesNotStartWith("ich is").doesNotStartWith("ne 2"));
        assertThat(ingester.ingestStatus().truncations()).isEqualTo(1);
    }

    @Test
    void a_restart_keeps_following_a_file_that_only_grew() throws IOException {
        append("app.log", "2026-11-22T11:00:00Z INFO one\n2026-11-22T11:00:01Z INFO two\n");
        ingestAll();
        store.close();
        openStore();
        append("app.log", "2026-11-22T11:00:02Z INFO three\n");

        List<LogEvent> events = ingestAll();

        assertThat(events).extracting(LogEvent::message).containsExactlyInAnyOrder("one", "two", "three");
        assertThat(ingester.ingestStatus().truncations()).isZero();
    }

    @Test
    void a_python_traceback_stays_one_event_with_its_exception_line_and_a_chained_traceback() throws IOException {
        append("worker.log", """
                2026-11-22T11:00:00Z ERROR [worker] job failed
                Traceback (most recent call last):
                  File "worker.py", line 12, in run
                    charge(order)
                ValueError: amount must be positive

                During handling of the above exception, another exception occurred:

                Traceback (most recent call last):
                  File "worker.py", line 14, in run
                    raise JobError(order)
                jobs.JobError: order o-7
                2026-11-22T11:00:01Z INFO [worker] next job
                """);

        List<LogEvent> events = ingestAll();

        assertThat(events).hasSize(2);
        LogEvent failed = events.stream().filter(e -> e.level().equals("ERROR")).findFirst().orElseThrow();
        assertThat(failed.message()).startsWith("job failed").contains("ValueError: amount must be positive",
                "During handling of the above exception", "raise JobError(order)").endsWith("jobs.JobError: order o-7");
        assertThat(events).extracting(LogEvent::message).contains("next job");
    }

    @Test
    void a_pem_block_printed_into_a_log_stays_one_event_with_its_body_and_armour() throws IOException {
        append("auth.log", """
                2026-11-22T11:00:00Z WARN [auth] loaded signing key -----BEGIN RSA PRIVATE KEY-----
                Proc-Type: 4,ENCRYPTED

                MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun
                VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK
                -----END RSA PRIVATE KEY-----
                2026-11-22T11:00:01Z INFO [auth] next
                """);

        List<LogEvent> events = ingestAll();

        assertThat(events).hasSize(2);
        assertThat(events).extracting(LogEvent::message).contains("next");
        LogEvent key = events.stream().filter(e -> e.level().equals("WARN")).findFirst().orElseThrow();
        assertThat(key.message()).contains("-----BEGIN RSA PRIVATE KEY-----", "Proc-Type: 4,ENCRYPTED",
                "MIIEowIBAAKCAQEAu1SU1Lf", "VTLw7onLRnrq0").endsWith("-----END RSA PRIVATE KEY-----");
    }

    @Test
    void a_pem_block_that_breaks_off_ends_where_an_ordinary_line_follows() throws IOException {
        append("auth.log", """
                2026-11-22T11:00:00Z WARN [auth] expected -----BEGIN CERTIFICATE----- in the upload
                2026-11-22T11:00:01Z INFO [auth] next
                MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun
                """);

        assertThat(ingestAll()).hasSize(3);
    }

    @Test
    void outside_a_traceback_a_line_that_looks_like_an_exception_is_its_own_event() throws IOException {
        append("app.log", "2026-11-22T11:00:00Z INFO [app] started\nValueError: not after a traceback\n"
                + "2026-11-22T11:00:01Z INFO [app] next\n");

        assertThat(ingestAll()).hasSize(3);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"app.log.1", "app.log-20261122", "app.log.2026-11-22",
        "app.log.2026-11-22.1", "app.log-20261122-1795341600", "app.1.log", "app-20261122.log", "app.2026-11-22.log"})
    void copytruncate_rotation_neither_repeats_what_was_read_nor_loses_the_tail_written_before_the_copy(String copy)
            throws IOException {
        append("app.log", LONG_HEAD + "2026-11-22T11:00:01Z INFO two\n");
        ingestAll();
        // Written after the last read, then copied away and truncated by logrotate before the next one.
        append("app.log", "2026-11-22T11:00:02Z INFO three, never read from app.log\n");
        Files.copy(logs.resolve("app.log"), logs.resolve(copy));
        Files.write(logs.resolve("app.log"), new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        append("app.log", "2026-11-22T11:00:03Z INFO four, after the rotation\n");

        List<LogEvent> events = ingestAll();

        assertThat(events).extracting(LogEvent::message).filteredOn(m -> !m.startsWith("a first line"))
                .containsExactlyInAnyOrder("two", "three, never read from app.log", "four, after the rotation");
        assertThat(events).hasSize(4);
        clock.advance(Duration.ofMillis(FileIngester.RENAMED_GRACE_MILLIS + 1));
        ingestAll();
        assertThat(ingester.ingestStatus().lostBytes()).as("read from the copy").isZero();
    }

    @Test
    void bytes_unread_when_a_file_is_truncated_without_a_copy_are_counted_as_lost_once_no_copy_came()
            throws IOException {
        append("app.log", LONG_HEAD);
        ingestAll();
        String unread = "2026-11-22T11:00:01Z INFO two\n2026-11-22T11:00:02Z INFO a line cut short by";
        append("app.log", unread);
        ingester.pollOnce(); // reads "two"; the rest of the last line is still to come
        Files.write(logs.resolve("app.log"), new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        append("app.log", "2026-11-22T11:00:03Z INFO after\n");
        ingestAll();
        assertThat(ingester.ingestStatus().lostBytes()).as("a copy may still come").isZero();

        clock.advance(Duration.ofMillis(FileIngester.RENAMED_GRACE_MILLIS + 1));
        ingestAll();

        long lost = "2026-11-22T11:00:02Z INFO a line cut short by".length();
        assertThat(ingester.ingestStatus().lostBytes()).isEqualTo(lost);
        assertThat(ingester.ingestStatus().lastError()).hasValue(lost + " bytes of app.log were never read: the file "
                + "was truncated first");
    }

    @Test
    void a_copy_found_after_its_original_was_seen_truncated_and_written_again_is_read_on_not_from_its_start()
            throws IOException {
        append("app.log", LONG_HEAD + "2026-11-22T11:00:01Z INFO two\n");
        ingestAll();
        append("app.log", "2026-11-22T11:00:02Z INFO three, never read from app.log\n");
        byte[] copied = Files.readAllBytes(logs.resolve("app.log"));
        Files.write(logs.resolve("app.log"), new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        append("app.log", "2026-11-22T11:00:03Z INFO four, after the rotation\n");
        ingester.pollOnce(); // the truncation, and the new content, are seen before the copy
        append("app.log.1", copied);

        List<LogEvent> events = ingestAll();

        assertThat(events).extracting(LogEvent::message).filteredOn(m -> !m.startsWith("a first line"))
                .containsExactlyInAnyOrder("two", "three, never read from app.log", "four, after the rotation");
        assertThat(events).hasSize(4);
        clock.advance(Duration.ofMillis(FileIngester.RENAMED_GRACE_MILLIS + 1));
        ingestAll();
        assertThat(ingester.ingestStatus().lostBytes()).as("read from the copy").isZero();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"app.log.1", "app.log.2026-11-22", "app-20261122.log"})
    void a_copy_seen_while_still_empty_or_shorter_than_the_head_waits_and_is_then_read_on_where_the_original_was(
            String copy) throws IOException {
        append("app.log", LONG_HEAD + "2026-11-22T11:00:01Z INFO two\n");
        ingestAll();
        append("app.log", "2026-11-22T11:00:02Z INFO three, never read from app.log\n");
        byte[] copied = Files.readAllBytes(logs.resolve("app.log"));
        // cp creates the copy, then fills it: ingest sees it empty, then with part of the head.
        append(copy, new byte[0]);
        ingester.pollOnce();
        append(copy, java.util.Arrays.copyOf(copied, 100));
        ingester.pollOnce();
        append(copy, java.util.Arrays.copyOfRange(copied, 100, copied.length));
        Files.write(logs.resolve("app.log"), new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        append("app.log", "2026-11-22T11:00:03Z INFO four, after the rotation\n");

        List<LogEvent> events = ingestAll();

        assertThat(events).extracting(LogEvent::message).filteredOn(m -> !m.startsWith("a first line"))
                .containsExactlyInAnyOrder("two", "three, never read from app.log", "four, after the rotation");
        assertThat(events).hasSize(4);
    }

    @Test
    void a_copy_still_being_written_waits_for_time_to_pass_and_its_size_to_settle_not_for_a_number_of_scans()
            throws IOException {
        append("app.log", LONG_HEAD + "2026-11-22T11:00:01Z INFO two\n");
        ingestAll();
        append("app.log", "2026-11-22T11:00:02Z INFO three, never read from app.log\n");
        byte[] copied = Files.readAllBytes(logs.resolve("app.log"));
        append("app.log.1", java.util.Arrays.copyOf(copied, 300));
        for (int i = 0; i < 45; i++) {
            ingester.pollOnce(); // catching up: scans back to back
        }
        clock.advance(Duration.ofMillis(FileIngester.COPY_WAIT_MILLIS + 1_000));
        append("app.log.1", java.util.Arrays.copyOfRange(copied, 300, 320));
        ingester.pollOnce(); // waited long enough, but it still grows
        append("app.log.1", java.util.Arrays.copyOfRange(copied, 320, copied.length));
        Files.write(logs.resolve("app.log"), new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        append("app.log", "2026-11-22T11:00:03Z INFO four, after the rotation\n");

        List<LogEvent> events = ingestAll();

        assertThat(events).extracting(LogEvent::message).filteredOn(m -> !m.startsWith("a first line"))
                .containsExactlyInAnyOrder("two", "three, never read from app.log", "four, after the rotation");
        assertThat(events).hasSize(4);
    }

    @Test
    void a_short_file_under_a_copy_s_name_that_never_becomes_a_copy_is_taken_up_after_the_wait() throws IOException {
        append("app.log", LONG_HEAD);
        ingestAll();
        append("app.log.1", "2026-11-22T11:00:05Z INFO a file of its own\n");
        for (int i = 0; i < 45; i++) {
            ingester.pollOnce();
        }
        clock.advance(Duration.ofSeconds(15));

        assertThat(ingestAll()).extracting(LogEvent::message).contains("a file of its own").hasSize(2);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"app.logs", "app.log.old", "app-errors.log", "app.log",
        "other.log.1", "app.log.1.gz", "app.txt.1"})
    void a_name_that_only_starts_or_ends_like_a_followed_file_is_no_rotated_copy_of_it(String name) {
        assertThat(FileIngester.rotatedName(name, "app.log")).isFalse();
    }

    @Test
    void a_numbered_copy_made_while_the_original_goes_on_waits_and_then_adds_nothing() throws IOException {
        append("app.log", LONG_HEAD + "2026-11-22T11:00:01Z INFO two\n");
        ingestAll();
        Files.copy(logs.resolve("app.log"), logs.resolve("app.log.1"));
        append("app.log", "2026-11-22T11:00:02Z INFO three\n");
        for (int i = 0; i < 45; i++) {
            ingester.pollOnce();
        }
        clock.advance(Duration.ofMillis(FileIngester.COPY_WAIT_MILLIS));
        ingester.pollOnce(); // waited long enough, and its size did not change: it held nothing unread
        assertThat(ingester.ingestStatus().files()).hasSize(2);

        List<LogEvent> events = ingestAll();

        assertThat(events).extracting(LogEvent::message).filteredOn(m -> !m.startsWith("a first line"))
                .containsExactlyInAnyOrder("two", "three");
    }

    @Test
    void another_instance_s_log_that_starts_with_the_same_banner_under_a_copy_like_name_is_read_as_its_own_file()
            throws IOException {
        String banner = "  .   ____          _            __ _ _\n" + " :: Spring Boot ::  (v4.1.0) ".repeat(10) + "\n";
        append("app.log", banner + "2026-11-22T11:00:01Z INFO first instance started\n");
        ingestAll();
        append("app-2.log", banner + "2026-11-22T11:00:05Z ERROR second instance failed to bind\n");
        for (int i = 0; i < 5; i++) {
            ingester.pollOnce();
        }
        clock.advance(Duration.ofMillis(FileIngester.COPY_WAIT_MILLIS));

        assertThat(ingestAll()).extracting(LogEvent::message).contains("second instance failed to bind");
        assertThat(ingester.ingestStatus().files()).hasSize(2);
    }

    @Test
    void keeps_garbage_bytes_and_unparsable_lines_as_flagged_raw_events() throws IOException {
        append("app.log", "2026-11-22T11:00:00Z INFO first\n".getBytes(StandardCharsets.UTF_8));
        append("app.log", new byte[] {'b', 'a', 'd', ' ', (byte) 0xC3, (byte) 0x28, 0x00, 0x07, 'x', '\n'});
        append("app.log", "no timestamp here at all\n".getBytes(StandardCharsets.UTF_8));
        List<LogEvent> events = ingestAll();
        assertThat(events).hasSize(3);
        assertThat(events.get(1).unparsed()).isTrue();
        assertThat(events.get(1).message()).isEqualTo("bad \uFFFD(\uFFFD\uFFFDx");
        assertThat(events.get(2).unparsed()).isTrue();
        assertThat(events.get(2).message()).isEqualTo("no timestamp here at all");
        assertThat(events.get(2).timestamp()).isEqualTo(events.get(0).timestamp());
        assertThat(ingester.ingestStatus().unparsedLines()).isEqualTo(2);
    }

    @Test
    void cuts_a_line_longer_than_the_limit_with_a_marker() throws IOException {
        byte[] huge = ("2026-11-22T11:00:00Z INFO " + "x".repeat(1_200_000) + "\n").getBytes(StandardCharsets.UTF_8);
        append("app.log", huge);
        append("app.log", "2026-11-22T11:00:01Z INFO after\n");
        List<LogEvent> events = ingestAll();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).message()).endsWith(Text.CUT_MARKER).hasSizeLessThan(1_100_000);
        assertThat(events.get(1).message()).isEqualTo("after");
        assertThat(ingester.ingestStatus().cutLines()).isEqualTo(1);
    }

    @Test
    void a_line_nested_ten_thousand_levels_deep_is_stored_and_the_next_line_too() throws IOException {
        String deep = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        append("deep.ndjson", "{\"@timestamp\":\"2026-11-22T11:00:00Z\",\"message\":\"deep\",\"a\":" + deep + "}\n"
                + "{\"@timestamp\":\"2026-11-22T11:00:01Z\",\"message\":\"next\"}\n");

        List<LogEvent> events = ingestAll();

        assertThat(events).extracting(LogEvent::message).containsExactly("deep", "next");
        String name = String.join(".", Collections.nCopies(64, "a"));
        assertThat(events.getFirst().fields().get(name)).startsWith("{\"a\":{\"a\":").endsWith("}}}");
        assertThat(ingester.ingestStatus().errors()).isZero();
    }

    @Test
    void a_fifty_kilobyte_dotted_line_in_a_trace_does_not_stop_ingest() throws IOException {
        Fingerprints fingerprints = new Fingerprints(ProblemsProperties.defaults());
        LogEventEnricher problems = (service, message, fields) -> StackTraces.find(message, fields)
                .map(trace -> Map.of("problem.fingerprint", fingerprints.of(trace).value()))
                .orElse(Map.of());
        ingester = new FileIngester(IngestProperties.defaults(logs), store, clock, problems);
        String dots = "a.".repeat(25_000);
        String trace = "java.lang.IllegalStateException: outer\n\tat com.example.A.b(A.java:1)\nCaused by: " + dots
                + "X: boom\n\tat com.example.C.d(C.java:2)";
        append("app.log", "2026-11-22T11:00:00Z ERROR failed\n  " + dots + "\n"
                + "2026-11-22T11:00:01Z ERROR failed again\n" + trace + "\n"
                + "2026-11-22T11:00:02Z INFO next\n");
        append("app.ndjson", "{\"@timestamp\":\"2026-11-22T11:00:03Z\",\"message\":\"json\",\"stack_trace\":\""
                + dots + "\"}\n");

        List<LogEvent> events = ingestAll();

        assertThat(events).extracting(LogEvent::message)
                .containsExactly("failed\n  " + dots, "failed again\n" + trace, "next", "json");
        assertThat(events.get(1).fields()).containsKey("problem.fingerprint");
        assertThat(ingester.ingestStatus().errors()).isZero();
    }

    @Test
    void an_event_whose_enrichment_overflows_the_stack_is_stored_without_derived_fields_and_ingest_goes_on() throws IOException {
        LogEventEnricher overflowing = (service, message, fields) -> {
            if (message.contains("recursive")) {
                throw new StackOverflowError();
            }
            return Map.of("derived", "yes");
        };
        ingester = new FileIngester(IngestProperties.defaults(logs), store, clock, overflowing);
        append("app.log", "2026-11-22T11:00:00Z INFO recursive\n2026-11-22T11:00:01Z INFO next\n");

        List<LogEvent> events = ingestAll();

        assertThat(events).extracting(LogEvent::message).containsExactly("recursive", "next");
        assertThat(events.get(0).fields()).doesNotContainKey("derived");
        assertThat(events.get(1).fields()).containsEntry("derived", "yes");
        assertThat(ingester.ingestStatus().errors()).isEqualTo(1);
        assertThat(ingester.ingestStatus().lastError()).hasValue("event enrichment failed: StackOverflowError");
    }

    @Test
    void when_the_ingest_loop_dies_the_status_says_ingest_stopped_and_nothing_more_is_committed() throws Exception {
        LogEventEnricher exhausted = (service, message, fields) -> {
            throw new OutOfMemoryError("simulated");
        };
        ingester = new FileIngester(IngestProperties.defaults(logs), store, clock, exhausted);
        append("app.log", "2026-11-22T11:00:00Z INFO one\n2026-11-22T11:00:01Z INFO two\n");

        ingester.start();
        assertThat(ingester.awaitLoopEnd(Duration.ofSeconds(10))).as("the ingest thread ended").isTrue();
        ingester.close();

        assertThat(ingester.ingestStatus().running()).isFalse();
        assertThat(ingester.ingestStatus().lastError()).hasValue("ingest stopped: OutOfMemoryError");
        assertThat(store.committedCheckpoint()).isEmpty();
    }

    @Test
    void files_behind_symbolic_links_are_read_as_kubernetes_names_container_logs() throws IOException {
        // /var/log/containers/web.log -> /var/log/pods/.../0.log, in small.
        Path pods = Files.createDirectories(temp.resolve("pods/web"));
        Files.writeString(pods.resolve("0.log"), "2026-11-22T11:00:00Z INFO [web] from the pod\n");
        Files.createDirectories(logs.resolve("containers"));
        Files.createSymbolicLink(logs.resolve("containers/web.log"), pods.resolve("0.log"));
        // And an ingest directory that is itself a link.
        Path real = Files.createDirectories(temp.resolve("real"));
        Files.writeString(real.resolve("api.log"), "2026-11-22T11:00:01Z INFO [api] through a linked directory\n");
        Files.createSymbolicLink(logs.resolve("linked"), real);

        List<LogEvent> events = ingestAll();

        assertThat(events).extracting(LogEvent::message)
                .containsExactlyInAnyOrder("from the pod", "through a linked directory");
    }

    @Test
    void a_line_longer_than_one_read_but_within_a_larger_max_line_is_read_whole_not_stalled() throws IOException {
        ingester = new FileIngester(new IngestProperties(true, logs, Duration.ofMillis(250), Duration.ofSeconds(5),
                Duration.ofSeconds(2), DataSize.ofMegabytes(8), 20_000), store, clock);
        String big = "x".repeat(5 << 20);
        append("app.log", "2026-11-22T11:00:00Z INFO " + big + "\n2026-11-22T11:00:01Z INFO next\n");

        List<LogEvent> events = ingestAll();

        assertThat(events).hasSize(2);
        assertThat(events.get(0).message()).isEqualTo(big);
        assertThat(events.get(1).message()).isEqualTo("next");
    }

    @Test
    void a_max_line_out_of_range_is_refused_with_the_setting_s_name() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new IngestProperties(true, logs,
                Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofSeconds(2), DataSize.ofGigabytes(1), 20_000))
                .hasMessageContaining("periscope.ingest.max-line");
    }

    @Test
    void continuation_lines_beyond_the_limit_are_cut_with_the_marker_and_counted() throws IOException {
        ingester = new FileIngester(new IngestProperties(true, logs, Duration.ofMillis(250), Duration.ofSeconds(5),
                Duration.ofSeconds(2), DataSize.ofBytes(200), 20_000), store, clock);
        StringBuilder trace = new StringBuilder("2026-11-22T11:00:00Z ERROR failed\n");
        for (int i = 0; i < 20; i++) {
            trace.append("\tat com.example.Frame").append(i).append(".run(Frame.java:").append(i).append(")\n");
        }
        append("app.log", trace + "2026-11-22T11:00:01Z INFO next\n");

        List<LogEvent> events = ingestAll();

        assertThat(events).hasSize(2);
        assertThat(events.get(0).message()).contains("Frame0.run").doesNotContain("Frame19")
                .endsWith(Text.CUT_MARKER).hasSizeLessThan(400 + Text.CUT_MARKER.length());
        assertThat(events.get(1).message()).isEqualTo("next");
        assertThat(ingester.ingestStatus().cutLines()).isEqualTo(1);
    }

    @Test
    void a_file_rotated_to_a_dated_name_is_read_to_its_end_and_then_let_go() throws IOException {
        append("app.log", "2026-11-22T11:00:00Z INFO one\n2026-11-22T11:00:01Z INFO two\n");
        ingestAll();
        append("app.log", "2026-11-22T11:00:02Z INFO three (written before the rotation, not read yet)\n");
        Files.move(logs.resolve("app.log"), logs.resolve("app.log-20261122"));
        append("app.log", "2026-11-22T11:00:03Z INFO four\n");
        assertThat(ingestAll()).extracting(LogEvent::message)
                .containsExactly("one", "two", "three (written before the rotation, not read yet)", "four");

        append("app.log-20261122", "2026-11-22T11:00:04Z INFO five (a late write to the old file)\n");
        assertThat(ingestAll()).extracting(LogEvent::message).contains("five (a late write to the old file)");
        assertThat(ingester.ingestStatus().files()).hasSize(2);

        clock.advance(Duration.ofMillis(FileIngester.RENAMED_GRACE_MILLIS));
        ingestAll();
        assertThat(ingester.ingestStatus().files()).as("read to its end and quiet: let go").hasSize(1);
        append("app.log-20261122", "2026-11-22T11:00:05Z INFO six (too late)\n");
        append("app.log-20261123", "2026-11-22T11:00:06Z INFO a new file under a dated name is not taken up\n");
        store.close();

        openStore(); // a restart does not take the dated file up again either
        List<LogEvent> events = ingestAll();
        assertThat(events).extracting(LogEvent::message).containsExactly("one", "two",
                "three (written before the rotation, not read yet)", "four", "five (a late write to the old file)");
        assertThat(events).extracting(LogEvent::id).doesNotHaveDuplicates();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"app.log.1", "app.log-20261122"})
    void the_last_line_of_a_rotated_file_without_its_newline_becomes_an_event_once_the_file_is_quiet(String rotated)
            throws IOException {
        append("app.log", "2026-11-22T11:00:00Z INFO one\n2026-11-22T11:00:01Z INFO last words");
        ingestAll();
        Files.move(logs.resolve("app.log"), logs.resolve(rotated));
        append("app.log", "2026-11-22T11:00:03Z INFO after the rotation\n");
        assertThat(ingestAll()).extracting(LogEvent::message).containsExactly("one", "after the rotation");

        clock.advance(Duration.ofMillis(FileIngester.RENAMED_GRACE_MILLIS));
        List<LogEvent> events = ingestAll();

        assertThat(events).extracting(LogEvent::message).containsExactly("one", "last words", "after the rotation");
        assertThat(events.get(1).line()).isEqualTo(2);
        clock.advance(Duration.ofMillis(FileIngester.RENAMED_GRACE_MILLIS));
        assertThat(ingestAll()).as("nothing twice").hasSize(3);
        if (rotated.endsWith("20261122")) {
            assertThat(ingester.ingestStatus().files()).as("read to its end and quiet: let go").hasSize(1);
        }
    }

    @Test
    void the_last_line_of_a_copy_made_mid_line_becomes_an_event_once_the_copy_is_quiet() throws IOException {
        append("app.log", LONG_HEAD + "2026-11-22T11:00:01Z INFO two\n");
        ingestAll();
        append("app.log", "2026-11-22T11:00:02Z INFO cut off by the rotation");
        Files.copy(logs.resolve("app.log"), logs.resolve("app.log-20261122"));
        Files.write(logs.resolve("app.log"), new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        append("app.log", "2026-11-22T11:00:03Z INFO four, after the rotation\n");
        ingestAll();

        clock.advance(Duration.ofMillis(FileIngester.RENAMED_GRACE_MILLIS));
        List<LogEvent> events = ingestAll();

        assertThat(events).extracting(LogEvent::message).filteredOn(m -> !m.startsWith("a first line"))
                .containsExactlyInAnyOrder("two", "cut off by the rotation", "four, after the rotation");
    }

    @Test
    void the_last_line_of_a_file_still_written_under_its_name_waits_for_its_newline_however_long_it_takes()
            throws IOException {
        append("app.log", "2026-11-22T11:00:00Z INFO one\n2026-11-22T11:00:01Z INFO still being wri");
        ingestAll();
        clock.advance(Duration.ofMillis(FileIngester.RENAMED_GRACE_MILLIS * 2));
        assertThat(ingestAll()).extracting(LogEvent::message).containsExactly("one");

        append("app.log", "tten\n");
        assertThat(ingestAll()).extracting(LogEvent::message).containsExactly("one", "still being written");
    }

    /** Keeps events by id and the size of every batch it was handed. */
    static final class RecordingWriter implements dev.periscope.logs.store.LogWriter {
        final Map<String, LogEvent> events = new java.util.LinkedHashMap<>();
        final List<Integer> batches = new ArrayList<>();
        Optional<String> checkpoint = Optional.empty();

        @Override
        public void add(List<LogEvent> batch) {
            batches.add(batch.size());
            batch.forEach(e -> events.put(e.id(), e));
        }

        @Override
        public void commit(String checkpoint) {
            this.checkpoint = Optional.of(checkpoint);
        }

        @Override
        public Optional<String> committedCheckpoint() {
            return checkpoint;
        }

        @Override
        public void refresh() {
        }
    }

    @Test
    void a_read_of_many_short_lines_is_handed_over_in_batches_of_the_batch_size_and_a_restart_repeats_none()
            throws IOException {
        IngestProperties small = new IngestProperties(true, logs, Duration.ofMillis(250), Duration.ofSeconds(5),
                Duration.ofSeconds(2), DataSize.ofMegabytes(1), 100);
        RecordingWriter writer = new RecordingWriter();
        ingester = new FileIngester(small, writer, clock);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            lines.append("2026-11-22T11:00:00Z INFO line ").append(i).append('\n');
        }
        append("app.log", lines.toString());

        ingester.pollOnce(); // one read: the last line waits for continuation lines
        ingester.commit();

        assertThat(writer.batches).hasSizeGreaterThan(90).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(100));
        assertThat(writer.events).hasSize(9_999);
        ingester = new FileIngester(small, writer, clock); // a restart from the checkpoint
        ingester.pollOnce();
        clock.advance(Duration.ofSeconds(3));
        ingester.pollOnce();
        ingester.commit();
        assertThat(writer.events).hasSize(10_000);
        assertThat(writer.batches.stream().mapToInt(Integer::intValue).sum()).as("nothing handed over twice")
                .isEqualTo(10_000);
    }

    @Test
    void a_blank_line_is_no_event_but_ends_the_event_before_it_and_counts_as_a_line() throws IOException {
        append("app.log", "2026-11-22T11:00:00Z INFO one\n\n   \n\r\n" + "\n".repeat(100_000)
                + "2026-11-22T11:00:01Z INFO two\n\tat com.example.A.run(A.java:1)\n");

        List<LogEvent> events = ingestAll();

        assertThat(events).extracting(LogEvent::message)
                .containsExactly("one", "two\n\tat com.example.A.run(A.java:1)");
        assertThat(events.get(1).line()).isEqualTo(100_005);
        assertThat(ingester.ingestStatus().unparsedLines()).isZero();
    }

    @Test
    void bytes_of_a_rotated_file_compressed_before_it_was_read_are_counted_as_lost() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; lines.length() < 5 << 20; i++) {
            lines.append("2026-11-22T11:00:00Z INFO line ").append(i).append(' ').append("x".repeat(80)).append('\n');
        }
        append("app.log", lines.toString());
        assertThat(ingester.pollOnce()).as("one read takes 4 MiB: more remains").isTrue();
        IngestStatus.FileStatus partlyRead = ingester.ingestStatus().files().getFirst();
        // Rotated, then compressed into a new file and removed before the next read.
        Files.move(logs.resolve("app.log"), logs.resolve("app.log.1"));
        Files.write(logs.resolve("app.log.1.gz"), new byte[] {31, -117, 8, 0});
        Files.delete(logs.resolve("app.log.1"));

        ingestAll();

        long unread = partlyRead.size() - partlyRead.offset();
        assertThat(unread).isPositive();
        assertThat(ingester.ingestStatus().lostBytes()).isEqualTo(unread);
        assertThat(ingester.ingestStatus().errors()).isEqualTo(1);
        assertThat(ingester.ingestStatus().lastError()).hasValue(unread + " bytes of app.log were never read: "
                + "the file went away first");
        assertThat(ingester.ingestStatus().files()).as("the compressed file is not taken up").isEmpty();
    }
}
