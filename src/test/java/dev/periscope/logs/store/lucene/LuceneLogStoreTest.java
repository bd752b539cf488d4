package dev.periscope.logs.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.logs.query.QueryLimitExceededException;
import dev.periscope.logs.query.QueryNode;
import dev.periscope.logs.store.EventPage;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.LogStoreContractTest;
import dev.periscope.logs.store.SortOrder;
import dev.periscope.logs.store.StoreQuery;
import dev.periscope.logs.store.TopValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The store contract on the embedded Lucene store, plus what only the embedded store does. */
class LuceneLogStoreTest extends LogStoreContractTest {

    LuceneLogStore store;

    @Override
    protected Opened open(Path dir) {
        store = new LuceneLogStore(dir.resolve("index"), LuceneLogStoreProperties.defaults(), CLOCK);
        return new Opened(store, store, () -> store.close());
    }

    @Test
    void an_event_whose_service_level_or_source_is_over_the_term_limit_is_indexed_not_refused() {
        String huge = "é".repeat(20_000); // 40,000 bytes of UTF-8, over Lucene's 32,766-byte term limit
        store.add(List.of(new LogEvent(LogEvent.idOf(0x2000), T0, huge, huge, "kept", Map.of(), huge, 1, 0, false)));
        store.refresh();

        EventPage page = store.search(new StoreQuery(parser.parse("kept"), T0, T0 + 1), SortOrder.NEWEST_FIRST, 10,
                Optional.empty(), control());
        assertThat(page.events()).singleElement().satisfies(e -> assertThat(e.service()).isEqualTo(huge));
    }

    @Test
    void patterns_leave_out_the_words_the_screen_refuses_in_pages_histograms_top_values_and_tail() {
        store.add(List.of(event(1, T0 + 1, "svc", "INFO", "key secretvalue here", Map.of("code", "hidden-1")),
                event(2, T0 + 2, "svc", "INFO", "key seconds here", Map.of("code", "shown-1")),
                event(3, T0 + 3, "svc", "INFO", "nothing", Map.of("code", "hidden-2"))));
        store.refresh();
        dev.periscope.logs.store.TermScreen screen = (field, term) -> !term.startsWith("secret")
                && !term.startsWith("hidden");

        for (String q : new String[] {"sec*", "message:/sec.*/", "message:[sec TO sed]", "code:*-1", "code:/.*1/"}) {
            StoreQuery query = new StoreQuery(parser.parse(q), T0, T0 + 1000, screen);
            EventPage page = store.search(query, SortOrder.NEWEST_FIRST, 10, Optional.empty(), control());
            assertThat(page.events()).as(q).extracting(LogEvent::id).containsExactly(LogEvent.idOf(0x1002));
            assertThat(store.histogram(query, 1000, control()).counts()).as(q).containsExactly(1);
            assertThat(store.topValues(query, "code", 5, control()).values()).as(q).hasSize(1);
            assertThat(store.tail(query, new dev.periscope.logs.store.LogCursor(T0, LogEvent.idOf(0)), 10,
                    control()).events()).as(q).hasSize(1);
            // Unscreened, the same pattern finds both.
            assertThat(store.search(new StoreQuery(parser.parse(q), T0, T0 + 1000), SortOrder.NEWEST_FIRST, 10,
                    Optional.empty(), control()).events()).as(q).hasSize(2);
        }
        StoreQuery onlyHidden = new StoreQuery(parser.parse("code:hidden*"), T0, T0 + 1000, screen);
        assertThat(store.search(onlyHidden, SortOrder.NEWEST_FIRST, 10, Optional.empty(), control()).total()).isZero();
        // A term is not a pattern: it was checked as typed before it reached the store.
        StoreQuery term = new StoreQuery(parser.parse("secretvalue"), T0, T0 + 1000, screen);
        assertThat(store.search(term, SortOrder.NEWEST_FIRST, 10, Optional.empty(), control()).total()).isEqualTo(1);
    }

    @Test
    void refuses_a_wildcard_that_expands_to_too_many_values_and_a_page_too_large() {
        List<LogEvent> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(event(i, T0 + i, "svc", "INFO", "m", Map.of("trace", "t" + i)));
        }
        store.add(many);
        store.refresh();
        try (LuceneLogStore small = new LuceneLogStore(dir.resolve("small"), new LuceneLogStoreProperties(
                Duration.ofSeconds(1), Duration.ofSeconds(30), DataSize.ofMegabytes(16), 1,
                LuceneLogStoreProperties.defaults().retention(),
                10, 100, 20, 64, 1000), CLOCK)) {
            small.add(many);
            small.refresh();
            assertThatThrownBy(() -> small.search(new StoreQuery(parser.parse("trace:t*"), T0, T0 + 1000),
                    SortOrder.NEWEST_FIRST, 10, Optional.empty(), control()))
                    .isInstanceOf(QueryLimitExceededException.class).hasMessageContaining("more than 20");
            assertThatThrownBy(() -> small.search(new StoreQuery(parser.parse("*"), T0, T0 + 1000),
                    SortOrder.NEWEST_FIRST, 11, Optional.empty(), control()))
                    .isInstanceOf(QueryLimitExceededException.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void fields_with_names_over_the_limit_are_kept_in_their_events_but_not_indexed_also_after_a_reopen()
            throws Exception {
        LuceneLogStoreProperties d = LuceneLogStoreProperties.defaults();
        LuceneLogStoreProperties threeNames = new LuceneLogStoreProperties(d.refreshInterval(), d.searchIdleAfter(),
                d.ramBuffer(), 1, d.retention(), d.maxPageSize(), d.maxBuckets(), d.maxExpansions(),
                d.aggregationCacheEntries(), 3);
        Path at = dir.resolve("names");
        try (LuceneLogStore limited = new LuceneLogStore(at, threeNames, CLOCK)) {
            limited.add(List.of(event(1, T0 + 1, "svc", "INFO", "m", Map.of("a", "1", "b", "2", "c", "3")),
                    event(2, T0 + 2, "svc", "INFO", "m", Map.of("a", "4", "user-77", "x"))));
            limited.commit("c1");
        }
        try (LuceneLogStore reopened = new LuceneLogStore(at, threeNames, CLOCK)) {
            reopened.add(List.of(event(3, T0 + 3, "svc", "INFO", "m", Map.of("c", "5", "user-78", "y"))));
            reopened.refresh();
            java.util.function.Function<String, List<LogEvent>> found = q -> reopened.search(
                    new StoreQuery(parser.parse(q), T0, T0 + 1000), SortOrder.NEWEST_FIRST, 10, Optional.empty(),
                    control()).events();
            assertThat(found.apply("c:5")).as("a name indexed before the reopen").hasSize(1);
            assertThat(found.apply("user-77:x")).isEmpty();
            assertThat(found.apply("user-78:y")).isEmpty();
            assertThat(found.apply("_exists_:user-78")).extracting(e -> e.fields().get("user-78"))
                    .containsExactly("y");
            assertThat(reopened.eventsWithFieldsUnindexed()).isEqualTo(1);
        }
    }

    @Test
    void a_page_of_neighbouring_and_scattered_hits_across_segments_comes_back_whole_in_sort_order() {
        // Two segments; in each, a run of neighbours (read chunk by chunk) and scattered hits (read one by one).
        addSegments(2, 600, n -> (n % 600 >= 100 && n % 600 < 140) || n % 600 % 97 == 0);
        List<LogEvent> page = search("level:ERROR", SortOrder.NEWEST_FIRST, 100, Optional.empty()).events();
        List<Integer> numbers = page.stream().map(e -> Integer.parseInt(e.fields().get("n"))).toList();
        List<Integer> expected = new ArrayList<>();
        for (int n = 1199; n >= 0 && expected.size() < 100; n--) {
            int i = n % 600;
            if ((i >= 100 && i < 140) || i % 97 == 0) {
                expected.add(n);
            }
        }
        assertThat(numbers).isEqualTo(expected);
        assertThat(page).allSatisfy(LuceneLogStoreTest::assertWhole);
    }

    @Test
    void a_page_of_scattered_hits_loaded_on_two_threads_comes_back_whole_in_sort_order() {
        // Hits 37 docs apart over three segments: far enough apart for the page to be loaded in parts.
        addSegments(3, 2000, n -> n % 37 == 0);
        for (SortOrder order : SortOrder.values()) {
            List<LogEvent> page = search("level:ERROR", order, 100, Optional.empty()).events();
            List<Integer> expected = IntStream.range(0, 6000).filter(n -> n % 37 == 0).boxed()
                    .sorted(order == SortOrder.NEWEST_FIRST ? Comparator.reverseOrder() : Comparator.naturalOrder())
                    .limit(100).toList();
            assertThat(page.stream().map(e -> Integer.parseInt(e.fields().get("n"))).toList()).isEqualTo(expected);
            assertThat(page).allSatisfy(LuceneLogStoreTest::assertWhole);
        }
    }

    /**
     * Events 0 to segments * perSegment - 1, one committed segment each {@code perSegment}, at error level where
     * {@code hit} says so; each message carries its number and a tail of its own length.
     */
    private void addSegments(int segments, int perSegment, java.util.function.IntPredicate hit) {
        for (int segment = 0; segment < segments; segment++) {
            List<LogEvent> batch = new ArrayList<>();
            for (int i = 0; i < perSegment; i++) {
                int n = segment * perSegment + i;
                batch.add(event(n, T0 + n, "svc", hit.test(n) ? "ERROR" : "INFO",
                        "event " + n + " " + "x".repeat(n % 300), Map.of("n", Integer.toString(n))));
            }
            store.add(batch);
            store.commit("segment " + segment);
            store.refresh();
        }
    }

    private static void assertWhole(LogEvent e) {
        int n = Integer.parseInt(e.fields().get("n"));
        assertThat(e.message()).isEqualTo("event " + n + " " + "x".repeat(n % 300));
    }

    @Test
    void top_values_of_a_field_with_more_distinct_values_than_the_limit_say_why_and_other_fields_still_rank()
            throws Exception {
        // 150,000 trace ids over three segments: each segment has fewer than the limit, all of them more.
        int perSegment = 50_000;
        for (int segment = 0; segment < 3; segment++) {
            List<LogEvent> batch = new ArrayList<>();
            for (int i = 0; i < perSegment; i++) {
                int n = segment * perSegment + i;
                batch.add(event(n, T0 + n, "svc", n % 10 == 0 ? "ERROR" : "INFO", "m",
                        Map.of("trace.id", "%032x".formatted(n))));
            }
            store.add(batch);
            store.commit("segment " + segment);
            store.refresh();
        }
        StoreQuery all = new StoreQuery(new QueryNode.MatchAll(), T0, T0 + 3_600_000);

        TopValues traces = store.topValues(all, "trace.id", 10, control());
        TopValues levels = store.topValues(all, "level", 5, control());

        assertThat(traces.values()).isEmpty();
        assertThat(traces.partial()).hasValue("trace.id has more than 100,000 distinct values in this range; top"
                + " values are not available for it. Narrow the time range or the query.");
        assertThat(traces.eventsWithField()).isEqualTo(150_000);
        assertThat(traces.otherCount()).isEqualTo(150_000);
        assertThat(levels.values()).containsExactly(new TopValues.ValueCount("INFO", 135_000),
                new TopValues.ValueCount("ERROR", 15_000));
        assertThat(levels.partial()).isEmpty();
        // A narrower range has few enough to rank.
        TopValues recent = store.topValues(new StoreQuery(new QueryNode.MatchAll(), T0 + 140_000, T0 + 150_000),
                "trace.id", 3, control());
        assertThat(recent.partial()).isEmpty();
        assertThat(recent.values()).extracting(TopValues.ValueCount::value)
                .containsExactly("%032x".formatted(140_000), "%032x".formatted(140_001), "%032x".formatted(140_002));
    }

    @Test
    void a_kept_histogram_is_not_changed_by_what_an_earlier_caller_did_with_its_copy() {
        store.add(hundred());
        store.refresh();
        StoreQuery all = new StoreQuery(parser.parse("*"), T0, T0 + 100_000);
        long[] first = store.histogram(all, 10_000, control()).counts();
        first[0] = 999;

        assertThat(store.histogram(all, 10_000, control()).counts()).containsExactly(10, 10, 10, 10, 10, 10, 10, 10,
                10, 10);
    }

    @Test
    void only_committed_events_and_their_checkpoint_survive_a_restart() throws Exception {
        store.add(hundred().subList(0, 60));
        store.commit("file=a offset=6000");
        store.add(hundred().subList(60, 100));
        store.close();
        store = new LuceneLogStore(dir.resolve("index"), LuceneLogStoreProperties.defaults(), CLOCK);
        reader = store;
        writer = store;
        assertThat(store.committedCheckpoint()).hasValue("file=a offset=6000");
        assertThat(search("", SortOrder.NEWEST_FIRST, 1, Optional.empty()).total()).isEqualTo(60);
    }

    @Test
    void a_search_after_an_idle_spell_sees_events_added_while_no_periodic_refresh_ran() throws Exception {
        // A refresh interval far beyond the test: only the search itself can make the events visible. Idle after a
        // nanosecond: any add between two searches is an idle spell, with no wait in the test.
        LuceneLogStoreProperties idle = new LuceneLogStoreProperties(Duration.ofHours(1), Duration.ofNanos(1),
                DataSize.ofMegabytes(16), 1, LuceneLogStoreProperties.defaults().retention(), 1000, 2000, 10_000, 64, 1000);
        try (LuceneLogStore quiet = new LuceneLogStore(dir.resolve("quiet"), idle, CLOCK)) {
            quiet.add(hundred().subList(0, 10));
            assertThat(quiet.search(new StoreQuery(parser.parse(""), T0, T0 + 3_600_000), SortOrder.NEWEST_FIRST, 100,
                    Optional.empty(), control()).events()).hasSize(10);
            quiet.add(hundred().subList(10, 30));
            assertThat(quiet.search(new StoreQuery(parser.parse(""), T0, T0 + 3_600_000), SortOrder.NEWEST_FIRST, 100,
                    Optional.empty(), control()).events()).hasSize(30);
        }
    }

    @Test
    void writes_segments_with_the_logs_codec_and_reads_them_back_after_a_restart() throws Exception {
        store.add(hundred());
        store.commit("c");
        store.close();
        store = new LuceneLogStore(dir.resolve("index"), LuceneLogStoreProperties.defaults(), CLOCK);
        reader = store;
        writer = store;
        var infos = org.apache.lucene.index.SegmentInfos.readLatestCommit(
                org.apache.lucene.store.FSDirectory.open(dir.resolve("index")));
        assertThat(infos.asList()).isNotEmpty()
                .allSatisfy(info -> assertThat(info.info.getCodec().getName()).isEqualTo(LogsCodec.NAME));
        assertThat(search("", SortOrder.NEWEST_FIRST, 100, Optional.empty()).events()).hasSize(100)
                .allSatisfy(e -> assertThat(e.message()).isNotEmpty());
    }

    @Test
    void closing_with_nothing_added_since_the_last_commit_keeps_retention_deletions_and_the_checkpoint()
            throws Exception {
        store.add(List.of(
                event(1, CLOCK.millis() - Duration.ofDays(8).toMillis(), "old", "INFO", "old", Map.of()),
                event(2, CLOCK.millis() - Duration.ofDays(1).toMillis(), "new", "INFO", "new", Map.of())));
        store.commit("file=a offset=2");
        assertThat(store.enforceRetention()).isEqualTo(1);
        store.close();
        store = new LuceneLogStore(dir.resolve("index"), LuceneLogStoreProperties.defaults(), CLOCK);
        reader = store;
        writer = store;
        assertThat(store.eventCount()).isEqualTo(1);
        assertThat(store.committedCheckpoint()).hasValue("file=a offset=2");
    }

    @Test
    void retention_deletes_events_older_than_the_maximum_age() throws Exception {
        store.add(List.of(
                event(1, CLOCK.millis() - Duration.ofDays(8).toMillis(), "old", "INFO", "old", Map.of()),
                event(2, CLOCK.millis() - Duration.ofDays(1).toMillis(), "new", "INFO", "new", Map.of())));
        assertThat(store.enforceRetention()).isEqualTo(1);
        assertThat(store.eventCount()).isEqualTo(1);
    }

    @Test
    void retention_keeps_the_index_under_its_size_limit_by_deleting_the_oldest_events() throws Exception {
        try (LuceneLogStore bounded = new LuceneLogStore(dir.resolve("bounded"), new LuceneLogStoreProperties(
                Duration.ofSeconds(1), Duration.ofSeconds(30), DataSize.ofMegabytes(16), 1, new LuceneLogStoreProperties.Retention(
                Duration.ofDays(7), DataSize.ofKilobytes(100), Duration.ofMinutes(1)), 1000, 2000, 10_000, 64, 1000), CLOCK)) {
            List<LogEvent> events = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                events.add(event(i, T0 + i, "svc", "INFO", "event number " + i + " " + "x".repeat(100), Map.of()));
            }
            bounded.add(events);
            bounded.commit("");
            assertThat(bounded.enforceRetention()).isPositive();
            EventPage oldest = bounded.search(new StoreQuery(new QueryNode.MatchAll(), T0, T0 + 10_000),
                    SortOrder.OLDEST_FIRST, 1, Optional.empty(), control());
            assertThat(oldest.events().getFirst().timestamp()).isGreaterThan(T0);
            assertThat(bounded.eventCount()).isLessThan(5000);
        }
    }

    @Test
    void size_retention_deletes_by_rank_so_one_event_centuries_away_does_not_take_all_the_others_with_it()
            throws Exception {
        for (boolean outlier : new boolean[] {false, true}) {
            try (LuceneLogStore bounded = new LuceneLogStore(dir.resolve("outlier-" + outlier),
                    new LuceneLogStoreProperties(Duration.ofSeconds(1), Duration.ofSeconds(30),
                            DataSize.ofMegabytes(16), 1, new LuceneLogStoreProperties.Retention(Duration.ofDays(365_000),
                            DataSize.ofKilobytes(50), Duration.ofMinutes(1)), 1000, 2000, 10_000, 64, 1000), CLOCK)) {
                List<LogEvent> events = new ArrayList<>();
                for (int i = 0; i < 5000; i++) {
                    events.add(event(i, T0 + i, "svc", "INFO", "event number " + i + " " + "x".repeat(100),
                            Map.of()));
                }
                if (outlier) {
                    // A microsecond epoch read as milliseconds: about the year 57,000.
                    events.add(event(9999, T0 * 1000, "svc", "INFO", "misread time", Map.of()));
                }
                bounded.add(events);
                bounded.commit("");
                bounded.enforceRetention();
                assertThat(bounded.eventCount()).as("with an outlier: " + outlier).isBetween(500L, 4999L);
            }
        }
    }

    @Test
    void counts_histograms_from_bucket_edges_exactly_across_segments_and_deletions() throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        long oldest = T0 - Duration.ofDays(8).toMillis();
        List<LogEvent> all = new ArrayList<>();
        for (int batch = 0; batch < 2; batch++) {
            List<LogEvent> events = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                int n = batch * 20_000 + i;
                // Some events share a timestamp, so bucket edges fall between ties.
                long ts = oldest + random.nextLong(Duration.ofDays(8).toMillis() / 1000) * 1000;
                events.add(event(n, ts, n % 3 == 0 ? "a" : "b", "INFO", "m", Map.of()));
            }
            store.add(events);
            store.refresh(); // a segment per batch and index thread, about 10,000 events each
            all.addAll(events);
        }
        assertHistogramsMatch(all);
        // Retention deletes the events older than seven days from every segment, leaving them in place until a merge.
        assertThat(store.enforceRetention()).isPositive();
        long cutoff = CLOCK.millis() - Duration.ofDays(7).toMillis();
        assertHistogramsMatch(all.stream().filter(e -> e.timestamp() >= cutoff).toList());
    }

    private void assertHistogramsMatch(List<LogEvent> events) {
        long from = T0 - Duration.ofDays(8).toMillis() + 12_345;
        long to = T0 - 7_777;
        long interval = Duration.ofHours(1).toMillis() + 17;
        // service:a has few hits per segment (timestamps read per hit), service:b many (buckets found by doc id).
        for (String q : List.of("*", "service:a", "service:b")) {
            var histogram = store.histogram(new StoreQuery(parser.parse(q), from, to), interval, control());
            long[] want = new long[histogram.counts().length];
            for (LogEvent e : events) {
                if (e.timestamp() >= from && e.timestamp() < to && (q.equals("*") || q.equals("service:" + e.service()))) {
                    want[(int) ((e.timestamp() - histogram.startMillis()) / interval)]++;
                }
            }
            assertThat(histogram.counts()).as(q).containsExactly(want);
        }
    }
}
