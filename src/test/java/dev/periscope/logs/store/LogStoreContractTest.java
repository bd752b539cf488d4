package dev.periscope.logs.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.logs.query.LogQueryParser;
import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryLimits;
import dev.periscope.logs.query.QueryNode;
import dev.periscope.logs.query.QueryTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link LogStore} adapter must do, asserted the same way for each: a subclass per adapter opens a fresh,
 * empty store. Stores are written through {@link LogWriter} and made searchable with {@link LogWriter#refresh()}.
 */
public abstract class LogStoreContractTest {

    protected static final long T0 = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();
    protected static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(T0 + 3_600_000), ZoneOffset.UTC);

    /** A store under test and how to close it. */
    public record Opened(LogStore store, LogWriter writer, AutoCloseable closer) {
    }

    @TempDir
    protected Path dir;
    protected LogStore reader;
    protected LogWriter writer;
    private AutoCloseable closer;
    protected final LogQueryParser parser = new LogQueryParser(QueryLimits.defaults(), CLOCK);

    /** Opens an empty store of the adapter under test. */
    protected abstract Opened open(Path dir) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        Opened opened = open(dir);
        reader = opened.store();
        writer = opened.writer();
        closer = opened.closer();
    }

    @AfterEach
    void closeStore() throws Exception {
        closer.close();
    }

    protected static LogEvent event(int i, long ts, String service, String level, String message,
                                    Map<String, String> fields) {
        return new LogEvent(LogEvent.idOf(0x1000L + i), ts, service, level, message, fields, service + ".log", i,
                i * 100L, false);
    }

    /** 100 events one second apart: checkout and payments alternate, every tenth is an ERROR that timed out. */
    protected static List<LogEvent> hundred() {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String service = i % 2 == 0 ? "checkout" : "payments";
            boolean error = i % 10 == 0;
            events.add(event(i, T0 + i * 1000L, service, error ? "ERROR" : "INFO",
                    error ? "upstream timed out after 30s" : "order placed id=" + i,
                    Map.of("duration_ms", Integer.toString(i * 10), "user.id", "u" + (i % 7))));
        }
        return events;
    }

    protected EventPage search(String q, SortOrder order, int limit, Optional<LogCursor> after) {
        return reader.search(new StoreQuery(parser.parse(q), T0, T0 + 3_600_000), order, limit, after, control());
    }

    protected static QueryControl control() {
        return QueryControl.withTimeLimit(Duration.ofSeconds(10));
    }

    @Test
    void finds_events_newest_first_and_pages_with_a_cursor() {
        writer.add(hundred());
        writer.refresh();
        EventPage first = search("service:checkout", SortOrder.NEWEST_FIRST, 20, Optional.empty());
        assertThat(first.total()).isEqualTo(50);
        assertThat(first.events()).hasSize(20);
        assertThat(first.events().getFirst().timestamp()).isEqualTo(T0 + 98_000);
        EventPage second = search("service:checkout", SortOrder.NEWEST_FIRST, 40, first.next());
        assertThat(second.events()).hasSize(30);
        assertThat(second.events().getFirst().timestamp()).isEqualTo(T0 + 58_000);
        assertThat(second.next()).isEmpty();
    }

    @Test
    void pages_oldest_first_across_events_with_the_same_timestamp() {
        List<LogEvent> ties = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ties.add(event(i, T0 + 5_000, "checkout", "INFO", "same millisecond " + i, Map.of()));
        }
        writer.add(ties);
        writer.refresh();
        List<String> seen = new ArrayList<>();
        Optional<LogCursor> cursor = Optional.empty();
        do {
            EventPage page = search("", SortOrder.OLDEST_FIRST, 7, cursor);
            page.events().forEach(e -> seen.add(e.id()));
            cursor = page.next();
        } while (cursor.isPresent());
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void matches_phrases_words_wildcards_ranges_exists_and_negation() {
        writer.add(hundred());
        writer.refresh();
        assertThat(search("\"timed out\"", SortOrder.NEWEST_FIRST, 100, Optional.empty()).total()).isEqualTo(10);
        assertThat(search("level:error AND service:checkout AND timed", SortOrder.NEWEST_FIRST, 100,
                Optional.empty()).total()).isEqualTo(10);
        assertThat(search("service:pay*", SortOrder.NEWEST_FIRST, 100, Optional.empty()).total()).isEqualTo(50);
        assertThat(search("duration_ms:[900 TO *]", SortOrder.NEWEST_FIRST, 100, Optional.empty()).total())
                .isEqualTo(10);
        assertThat(search("duration_ms:{900 TO 950]", SortOrder.NEWEST_FIRST, 100, Optional.empty()).total())
                .isEqualTo(5);
        assertThat(search("_exists_:user.id", SortOrder.NEWEST_FIRST, 100, Optional.empty()).total()).isEqualTo(100);
        assertThat(search("_exists_:missing", SortOrder.NEWEST_FIRST, 100, Optional.empty()).total()).isZero();
        assertThat(search("NOT level:INFO", SortOrder.NEWEST_FIRST, 100, Optional.empty()).total()).isEqualTo(10);
        assertThat(search("user.id:/u[12]/", SortOrder.NEWEST_FIRST, 100, Optional.empty()).total()).isEqualTo(29);
    }

    @Test
    void finds_an_event_by_its_id_and_refuses_patterns_on_ids() {
        writer.add(hundred());
        writer.refresh();
        assertThat(search("id:" + LogEvent.idOf(0x1000L + 7), SortOrder.NEWEST_FIRST, 10, Optional.empty()).events())
                .singleElement().extracting(LogEvent::timestamp).isEqualTo(T0 + 7000);
        assertThat(search("id:nonsense", SortOrder.NEWEST_FIRST, 10, Optional.empty()).total()).isZero();
        assertThatThrownBy(() -> search("id:00*", SortOrder.NEWEST_FIRST, 10, Optional.empty()))
                .isInstanceOf(dev.periscope.logs.query.InvalidQueryException.class);
    }

    @Test
    void a_histogram_and_top_values_asked_again_after_new_events_count_the_new_events() {
        writer.add(hundred().subList(0, 50));
        writer.refresh();
        StoreQuery all = new StoreQuery(parser.parse("*"), T0, T0 + 3_600_000);
        assertThat(reader.histogram(all, 3_600_000, control()).total()).isEqualTo(50);
        assertThat(reader.topValues(all, "level", 5, control()).values())
                .contains(new TopValues.ValueCount("INFO", 45));

        writer.add(hundred().subList(50, 100));
        writer.refresh();

        assertThat(reader.histogram(all, 3_600_000, control()).total()).isEqualTo(100);
        assertThat(reader.topValues(all, "level", 5, control()).values())
                .contains(new TopValues.ValueCount("INFO", 90));
    }

    @Test
    void counts_a_histogram_and_top_values() {
        writer.add(hundred());
        writer.refresh();
        var histogram = reader.histogram(new StoreQuery(parser.parse("service:checkout"), T0, T0 + 100_000),
                10_000, control());
        assertThat(histogram.counts()).containsExactly(5, 5, 5, 5, 5, 5, 5, 5, 5, 5);
        TopValues top = reader.topValues(new StoreQuery(parser.parse("*"), T0, T0 + 3_600_000), "level", 5,
                control());
        assertThat(top.values()).containsExactly(new TopValues.ValueCount("INFO", 90),
                new TopValues.ValueCount("ERROR", 10));
        TopValues users = reader.topValues(new StoreQuery(parser.parse("*"), T0, T0 + 3_600_000), "user.id", 2,
                control());
        assertThat(users.values()).hasSize(2);
        assertThat(users.otherCount()).isEqualTo(100 - users.values().stream().mapToLong(v -> v.count()).sum());
    }

    @Test
    void counts_top_values_of_a_field_with_many_distinct_values() {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            events.add(event(i, T0 + i, "svc", "INFO", "m", Map.of("trace.id", "t" + (i < 10 ? 0 : i))));
        }
        writer.add(events);
        writer.refresh();
        TopValues top = reader.topValues(new StoreQuery(new QueryNode.MatchAll(), T0, T0 + 3_600_000), "trace.id", 3,
                control());
        assertThat(top.values().getFirst()).isEqualTo(new TopValues.ValueCount("t0", 10));
        assertThat(top.eventsWithField()).isEqualTo(70_000);
        assertThat(top.otherCount()).isEqualTo(70_000 - 10 - 2);
    }

    @Test
    void shows_context_in_the_same_stream_within_the_scope() {
        writer.add(hundred());
        writer.refresh();
        String anchorId = LogEvent.idOf(0x1000L + 50);
        EventContext context = reader.context(anchorId, new QueryNode.MatchAll(), 3, 2, control()).orElseThrow();
        assertThat(context.anchor().id()).isEqualTo(anchorId);
        assertThat(context.before()).extracting(LogEvent::timestamp)
                .containsExactly(T0 + 44_000, T0 + 46_000, T0 + 48_000);
        assertThat(context.after()).extracting(LogEvent::timestamp).containsExactly(T0 + 52_000, T0 + 54_000);
        assertThat(reader.context(anchorId, new QueryNode.Term("service", "payments"), 3, 3, control())).isEmpty();
    }

    @Test
    void tails_events_newer_than_a_cursor() {
        writer.add(hundred().subList(0, 50));
        writer.refresh();
        EventPage latest = search("", SortOrder.NEWEST_FIRST, 1, Optional.empty());
        writer.add(hundred().subList(50, 53));
        writer.refresh();
        EventPage tail = reader.tail(new StoreQuery(new QueryNode.MatchAll(), T0, T0 + 3_600_000),
                latest.events().getFirst().cursor(), 100, control());
        assertThat(tail.events()).extracting(LogEvent::timestamp).containsExactly(T0 + 50_000, T0 + 51_000,
                T0 + 52_000);
    }

    @Test
    void a_cancelled_query_stops_with_a_clear_error() {
        writer.add(hundred());
        writer.refresh();
        QueryControl control = control();
        control.cancel();
        assertThatThrownBy(() -> reader.search(new StoreQuery(parser.parse("*"), T0, T0 + 3_600_000),
                SortOrder.NEWEST_FIRST, 10, Optional.empty(), control))
                .isInstanceOf(QueryTimeoutException.class).hasMessageContaining("cancelled");
    }

    // ---------------------------------------------------------------- the query table

    @Test
    void answers_every_query_of_the_table_like_the_reference_in_both_orders_across_pages() {
        List<LogEvent> corpus = ContractCorpus.events();
        writer.add(corpus);
        writer.refresh();
        SoftAssertions soft = new SoftAssertions();
        int queries = 0;
        for (ContractCorpus.Typed typed : ContractCorpus.typed()) {
            QueryNode tree = parser.parse(typed.query());
            checkPaging(soft, "query '" + typed.query() + "'", tree, typed.expected(), corpus);
            queries++;
        }
        for (ContractCorpus.Case scoped : ContractCorpus.scoped()) {
            checkPaging(soft, scoped.name(), scoped.tree(), scoped.expected(), corpus);
            queries++;
        }
        soft.assertAll();
        assertThat(queries).isGreaterThanOrEqualTo(40);
    }

    /** Pages through the results seven at a time (splitting the ten events of one millisecond), both ways. */
    private void checkPaging(SoftAssertions soft, String name, QueryNode tree, Predicate<LogEvent> expected,
                             List<LogEvent> corpus) {
        Comparator<LogEvent> oldestFirst = Comparator.comparing(LogEvent::cursor);
        for (SortOrder order : SortOrder.values()) {
            List<LogEvent> want = corpus.stream().filter(expected)
                    .sorted(order == SortOrder.OLDEST_FIRST ? oldestFirst : oldestFirst.reversed()).toList();
            StoreQuery query = new StoreQuery(tree, ContractCorpus.FROM, ContractCorpus.TO);
            List<LogEvent> got = new ArrayList<>();
            Optional<LogCursor> cursor = Optional.empty();
            long total = -1;
            try {
                do {
                    EventPage page = reader.search(query, order, 7, cursor, control());
                    total = total < 0 ? page.total() : total;
                    got.addAll(page.events());
                    cursor = page.next();
                } while (cursor.isPresent() && got.size() <= want.size());
            } catch (RuntimeException e) {
                soft.fail(name + " " + order + " failed: " + e);
                continue;
            }
            soft.assertThat(got).as(name + " " + order).containsExactlyElementsOf(want);
            soft.assertThat(total).as(name + " total").isEqualTo(want.size());
        }
    }

    @Test
    void counts_histograms_across_daylight_saving_switches_like_the_reference() {
        List<LogEvent> corpus = ContractCorpus.events();
        writer.add(corpus);
        writer.refresh();
        long hour = 3_600_000;
        for (long[] range : new long[][] {
                {ContractCorpus.SPRING.toEpochMilli() - hour, ContractCorpus.SPRING.toEpochMilli() + 6 * hour, hour},
                {ContractCorpus.AUTUMN.toEpochMilli() + 7 * 60_000, ContractCorpus.AUTUMN.toEpochMilli() + 3 * hour,
                        15 * 60_000}}) {
            for (String q : List.of("", "level:error", "Köln", "zzzznotthere")) {
                Histogram histogram = reader.histogram(new StoreQuery(parser.parse(q), range[0], range[1]), range[2],
                        control());
                long start = Math.floorDiv(range[0], range[2]) * range[2];
                long[] want = new long[(int) ((range[1] - start + range[2] - 1) / range[2])];
                Predicate<LogEvent> match = ContractCorpus.typed().stream().filter(t -> t.query().equals(q))
                        .findFirst().map(ContractCorpus.Typed::expected).orElseThrow();
                corpus.stream().filter(match).filter(e -> e.timestamp() >= range[0] && e.timestamp() < range[1])
                        .forEach(e -> want[(int) ((e.timestamp() - start) / range[2])]++);
                assertThat(histogram).as(q).isEqualTo(new Histogram(start, range[2], want));
            }
        }
    }

    @Test
    void counts_top_values_of_core_nested_colliding_and_unicode_fields_like_the_reference() {
        List<LogEvent> corpus = ContractCorpus.events();
        writer.add(corpus);
        writer.refresh();
        for (String field : List.of("service", "level", "source", "tag", "http.response.status_code", "user",
                "user.id", "code", "long.value", "error.fingerprint", "missing")) {
            for (String q : List.of("", "level:error")) {
                TopValues top = reader.topValues(new StoreQuery(parser.parse(q), ContractCorpus.FROM,
                        ContractCorpus.TO), field, 3, control());
                Predicate<LogEvent> match = ContractCorpus.typed().stream().filter(t -> t.query().equals(q))
                        .findFirst().map(ContractCorpus.Typed::expected).orElseThrow();
                Map<String, Long> counts = new HashMap<>();
                corpus.stream().filter(match).map(e -> value(e, field))
                        .filter(v -> v != null && !v.isEmpty() && v.length() <= 256)
                        .forEach(v -> counts.merge(v, 1L, Long::sum));
                List<TopValues.ValueCount> all = counts.entrySet().stream()
                        .map(e -> new TopValues.ValueCount(e.getKey(), e.getValue()))
                        .sorted(Comparator.comparingLong(TopValues.ValueCount::count).reversed()
                                .thenComparing(TopValues.ValueCount::value)).toList();
                List<TopValues.ValueCount> want = all.subList(0, Math.min(3, all.size()));
                long with = all.stream().mapToLong(TopValues.ValueCount::count).sum();
                long other = with - want.stream().mapToLong(TopValues.ValueCount::count).sum();
                assertThat(top).as(field + " for '" + q + "'").isEqualTo(new TopValues(field, want, with, other));
            }
        }
    }

    private static String value(LogEvent e, String field) {
        return switch (field) {
            case "service" -> e.service();
            case "level" -> e.level();
            case "source" -> e.source();
            default -> e.fields().get(field);
        };
    }

    @Test
    void reports_a_lower_bound_for_very_large_result_counts_and_still_pages_and_counts_exactly() {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            events.add(event(i, T0 + i * 100L, i % 2 == 0 ? "even" : "odd", "INFO", "bulk event " + i,
                    Map.of("n", Integer.toString(i))));
        }
        writer.add(events);
        writer.refresh();
        EventPage first = search("*", SortOrder.NEWEST_FIRST, 100, Optional.empty());
        assertThat(first.totalExact()).isFalse();
        assertThat(first.total()).isGreaterThanOrEqualTo(10_000);
        assertThat(first.events().getFirst().timestamp()).isEqualTo(T0 + 11_999 * 100L);
        EventPage small = search("service:odd AND n:[0 TO 199]", SortOrder.OLDEST_FIRST, 1000, Optional.empty());
        assertThat(small.totalExact()).isTrue();
        assertThat(small.total()).isEqualTo(100);
        Histogram histogram = reader.histogram(new StoreQuery(parser.parse("*"), T0, T0 + 3_600_000), 600_000,
                control());
        assertThat(histogram.total()).isEqualTo(12_000);
        TopValues services = reader.topValues(new StoreQuery(parser.parse("*"), T0, T0 + 3_600_000), "service", 5,
                control());
        assertThat(services.values()).containsExactly(new TopValues.ValueCount("even", 6000),
                new TopValues.ValueCount("odd", 6000));
    }


    @Test
    void a_numeric_range_leaves_out_the_numbers_the_screen_refuses_so_halving_it_cannot_find_one() {
        writer.add(List.of(event(1, T0 + 1, "svc", "INFO", "a", Map.of("ref", "4111111111111111")),
                event(2, T0 + 2, "svc", "INFO", "b", Map.of("ref", "4111111111111200")),
                event(3, T0 + 3, "svc", "INFO", "c", Map.of("ref", "17"))));
        writer.refresh();
        // Stands for the masking rules: the first value is a card number.
        TermScreen screen = (field, term) -> !term.equals("4111111111111111");

        for (String q : new String[] {"ref:[4000000000000000 TO 4200000000000000]", "ref:[* TO 4111111111111111]",
            "ref:{4111111111111110 TO *]", "ref:[0 TO *]", "NOT ref:[4111111111111111 TO 4111111111111111]"}) {
            StoreQuery screened = new StoreQuery(parser.parse(q), T0, T0 + 1000, screen);
            List<LogEvent> found = reader.search(screened, SortOrder.NEWEST_FIRST, 10, Optional.empty(), control())
                    .events();
            if (q.startsWith("NOT")) {
                // Left out of the range, so counted by its negation whatever the bounds: nothing to learn.
                assertThat(found).as(q).extracting(LogEvent::id).contains(LogEvent.idOf(0x1001));
                continue;
            }
            assertThat(found).as(q).extracting(LogEvent::id).doesNotContain(LogEvent.idOf(0x1001));
            Histogram histogram = reader.histogram(screened, 1000, control());
            assertThat(histogram.counts()[0]).as(q).isEqualTo(q.equals("ref:[0 TO *]") ? 2 : 1);
            assertThat(histogram.total()).as(q).isEqualTo(found.size());
            // Unscreened, the same range counts it.
            assertThat(reader.search(new StoreQuery(parser.parse(q), T0, T0 + 1000), SortOrder.NEWEST_FIRST, 10,
                    Optional.empty(), control()).events()).as(q).extracting(LogEvent::id)
                    .contains(LogEvent.idOf(0x1001));
        }
        // Events added later are screened as they come; what was screened before is kept.
        writer.add(List.of(event(4, T0 + 4, "svc", "INFO", "d", Map.of("ref", "4111111111111111"))));
        writer.refresh();
        StoreQuery all = new StoreQuery(parser.parse("ref:[4000000000000000 TO *]"), T0, T0 + 1000, screen);
        assertThat(reader.search(all, SortOrder.NEWEST_FIRST, 10, Optional.empty(), control()).events())
                .extracting(LogEvent::id).containsExactly(LogEvent.idOf(0x1002));
    }
}
