package dev.periscope.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.LogWriter;
import dev.periscope.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ingest does when the store refuses events for a while (a cluster that is down, blocked or full). */
class FileIngesterRecoveryTest {

    @TempDir
    Path temp;
    Path logs;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));

    @BeforeEach
    void open() throws IOException {
        logs = Files.createDirectories(temp.resolve("ingest"));
    }

    /** A store that keeps events by id, like a cluster, and can be taken down: it then writes half a batch and fails. */
    static final class FlakyStore implements LogWriter {
        final Map<String, LogEvent> events = new LinkedHashMap<>();
        final boolean replacesById;
        boolean down;
        int adds;
        Optional<String> checkpoint = Optional.empty();

        FlakyStore(boolean replacesById) {
            this.replacesById = replacesById;
        }

        @Override
        public void add(List<LogEvent> batch) {
            adds++;
            List<LogEvent> written = down ? batch.subList(0, batch.size() / 2) : batch;
            written.forEach(e -> events.put(e.id(), e));
            if (down) {
                throw new IllegalStateException("the cluster cannot be reached");
            }
        }

        @Override
        public void commit(String checkpoint) {
            if (down) {
                throw new IllegalStateException("the cluster cannot be reached");
            }
            this.checkpoint = Optional.of(checkpoint);
        }

        @Override
        public Optional<String> committedCheckpoint() {
            return checkpoint;
        }

        @Override
        public void refresh() {
        }

        @Override
        public boolean replacesById() {
            return replacesById;
        }

        List<String> messages() {
            return events.values().stream().map(LogEvent::message).toList();
        }
    }

    private void append(int from, int to) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < to; i++) {
            lines.append("2026-11-22T11:00:00Z INFO line ").append(i).append('\n');
        }
        Files.writeString(logs.resolve("app.log"), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Polls, lets the multi-line wait pass and polls again (the last line waits for continuation lines). */
    private void poll(FileIngester ingester) {
        ingester.pollOnce();
        clock.advance(Duration.ofSeconds(3));
        ingester.pollOnce();
    }

    private static List<String> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "line " + i).toList();
    }

    @Test
    void a_store_outage_is_retried_from_the_last_commit_and_loses_or_repeats_nothing() throws IOException {
        FlakyStore store = new FlakyStore(true);
        FileIngester ingester = new FileIngester(IngestProperties.defaults(logs), store, clock);
        append(0, 100);
        poll(ingester);
        ingester.commit();
        assertThat(store.messages()).containsExactlyElementsOf(lines(0, 100));

        store.down = true;
        append(100, 200);
        poll(ingester);

        var status = ingester.ingestStatus();
        assertThat(status.lastError()).hasValueSatisfying(e -> assertThat(e)
                .contains("the store refused events (IllegalStateException)", "reading again from the last commit"));
        assertThat(status.lagBytes()).as("what was not committed is lag again").isPositive();
        assertThat(status.eventsIngested()).isEqualTo(100);

        append(200, 250); // written while the store is away
        store.down = false;
        clock.advance(Duration.ofSeconds(1));
        poll(ingester);
        ingester.commit();

        assertThat(store.messages()).as("every line once, in file order").containsExactlyInAnyOrderElementsOf(
                lines(0, 250));
        assertThat(ingester.ingestStatus().lagBytes()).isZero();
        assertThat(ingester.ingestStatus().eventsIngested()).isEqualTo(250);
        assertThat(store.checkpoint).isPresent();
    }

    @Test
    void events_without_a_time_of_their_own_are_the_same_events_when_read_again_after_an_outage()
            throws IOException {
        FlakyStore store = new FlakyStore(true);
        FileIngester ingester = new FileIngester(IngestProperties.defaults(logs), store, clock);
        store.down = true;
        Files.writeString(logs.resolve("batch.log"), "starting batch\nprocessed 12 rows\n" + "row\n".repeat(40));
        poll(ingester); // half of the batch is written, then the store fails: ingest rewinds to the last commit

        store.down = false;
        clock.advance(Duration.ofMinutes(5));
        poll(ingester);
        ingester.commit();

        // The clock's time the first reading gave them, not a second one: one event each, not two.
        assertThat(store.events.values()).hasSize(42)
                .extracting(LogEvent::timestamp).containsOnly(Instant.parse("2026-11-22T12:00:00Z").toEpochMilli());
    }

    @Test
    void a_new_file_with_the_same_first_lines_and_no_times_is_new_events_not_the_old_ones_again()
            throws IOException {
        FlakyStore store = new FlakyStore(true);
        FileIngester ingester = new FileIngester(IngestProperties.defaults(logs), store, clock);
        Files.writeString(logs.resolve("batch.log"), "starting batch\n");
        poll(ingester);
        ingester.commit();
        // Rotated (create mode): the old file moves away, a new one starts with the same banner.
        Files.move(logs.resolve("batch.log"), logs.resolve("batch.log.1"));
        clock.advance(Duration.ofHours(1));
        Files.writeString(logs.resolve("batch.log"), "starting batch\n");
        poll(ingester);
        ingester.commit();

        assertThat(store.events.values()).extracting(LogEvent::message)
                .containsExactly("starting batch", "starting batch");
    }

    @Test
    void a_file_truncated_and_written_again_with_the_same_first_lines_and_no_times_is_new_events()
            throws IOException {
        FlakyStore store = new FlakyStore(true);
        FileIngester ingester = new FileIngester(IngestProperties.defaults(logs), store, clock);
        Path file = logs.resolve("batch.log");
        Files.writeString(file, "starting batch\n");
        poll(ingester);
        ingester.commit();
        // copytruncate: the content is copied away and the file emptied, then the program writes again.
        Files.copy(file, logs.resolve("batch.log.1"));
        Files.write(file, new byte[0], StandardOpenOption.TRUNCATE_EXISTING);
        clock.advance(Duration.ofHours(1));
        poll(ingester);
        Files.writeString(file, "starting batch\n");
        poll(ingester);
        ingester.commit();

        assertThat(store.events.values()).extracting(LogEvent::message)
                .containsExactly("starting batch", "starting batch");
    }

    @Test
    void pauses_between_attempts_grow_while_the_store_stays_away() throws IOException {
        FlakyStore store = new FlakyStore(true);
        FileIngester ingester = new FileIngester(IngestProperties.defaults(logs), store, clock);
        store.down = true;
        append(0, 10);
        poll(ingester);
        int attempts = store.adds;
        assertThat(attempts).isEqualTo(1);

        clock.advance(Duration.ofMillis(500));
        poll(ingester); // the first pause (1 s) has passed: a second attempt, refused too
        assertThat(store.adds).isEqualTo(2);
        poll(ingester); // the second pause (2 s) has passed: a third attempt, refused
        assertThat(store.adds).isEqualTo(3);
        ingester.pollOnce(); // the third pause is 4 s: no attempt yet
        assertThat(store.adds).isEqualTo(3);

        store.down = false;
        clock.advance(Duration.ofSeconds(4));
        poll(ingester);
        ingester.commit();
        assertThat(store.messages()).containsExactlyInAnyOrderElementsOf(lines(0, 10));
    }

    @Test
    void a_store_that_cannot_replace_events_stops_ingest_until_a_restart() throws IOException {
        FlakyStore store = new FlakyStore(false);
        FileIngester ingester = new FileIngester(IngestProperties.defaults(logs), store, clock);
        append(0, 10);
        poll(ingester);
        ingester.commit();
        store.down = true;
        append(10, 20);
        poll(ingester);
        store.down = false;
        clock.advance(Duration.ofMinutes(5));
        poll(ingester);

        assertThat(ingester.ingestStatus().lastError()).hasValueSatisfying(e -> assertThat(e)
                .contains("ingest stopped"));
        assertThat(store.messages()).as("part of the refused batch, and nothing after it")
                .containsAll(lines(0, 10)).doesNotContain("line 19");
    }
}
