package dev.periscope.logs.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryTimeoutException;
import dev.periscope.logs.store.TopValues;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TopValuesCollectorManagerTest {

    private static final String FIELD = LuceneFields.keywordField("trace.id");

    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private DirectoryReader reader;

    TopValuesCollectorManagerTest() throws IOException {
        writer = new IndexWriter(directory, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE));
    }

    @AfterEach
    void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
        writer.close();
        directory.close();
    }

    @Test
    void ranks_values_exactly_across_segments_counted_by_array_and_by_map() throws IOException {
        // Segments of 3, 40 and 500 distinct values: with arrays up to 8 values, the larger two count in maps.
        Random random = new Random(7);
        Map<String, Long> expected = new HashMap<>();
        long events = 0;
        for (int distinct : new int[] {3, 40, 500}) {
            for (int i = 0; i < 2000; i++) {
                // Skewed, so that counts differ and ties are broken by value; some events have two values or none.
                String first = "v" + Math.min(random.nextInt(distinct), random.nextInt(distinct));
                String second = "v" + random.nextInt(distinct);
                if (i % 10 == 0) {
                    writer.addDocument(new Document());
                    continue;
                }
                Document doc = new Document();
                doc.add(new SortedSetDocValuesField(FIELD, new BytesRef(first)));
                expected.merge(first, 1L, Long::sum);
                if (i % 7 == 0 && !second.equals(first)) {
                    doc.add(new SortedSetDocValuesField(FIELD, new BytesRef(second)));
                    expected.merge(second, 1L, Long::sum);
                }
                writer.addDocument(doc);
                events++;
            }
            writer.commit();
        }

        TopValues top = topValues(new TopValuesCollectorManager("trace.id", FIELD, 10, control(), 8, 1000, 1 << 20));

        List<TopValues.ValueCount> ranked = expected.entrySet().stream()
                .map(e -> new TopValues.ValueCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(TopValues.ValueCount::count).reversed()
                        .thenComparing(TopValues.ValueCount::value))
                .toList();
        assertThat(reader.leaves()).hasSize(3);
        assertThat(top.values()).isEqualTo(ranked.subList(0, 10));
        assertThat(top.eventsWithField()).isEqualTo(events);
        assertThat(top.otherCount()).isEqualTo(ranked.subList(10, ranked.size()).stream()
                .mapToLong(TopValues.ValueCount::count).sum());
        assertThat(top.partial()).isEmpty();
    }

    @Test
    void more_distinct_values_across_segments_than_the_limit_answer_why_without_values_and_stop_merging_there()
            throws IOException {
        addSegments(3, 60, 1);

        TopValuesCollectorManager manager = new TopValuesCollectorManager("trace.id", FIELD, 5, control(), 1000, 100,
                1 << 20);
        TopValues top = topValues(manager);

        assertThat(top.values()).isEmpty();
        assertThat(top.partial()).hasValue("trace.id has more than 100 distinct values in this range; top values are"
                + " not available for it. Narrow the time range or the query.");
        assertThat(top.eventsWithField()).isEqualTo(180);
        assertThat(top.otherCount()).isEqualTo(180);
        assertThat(manager.largestCount()).isEqualTo(101);
    }

    @Test
    void one_segment_with_more_distinct_values_than_the_limit_stops_counting_them_while_it_collects()
            throws IOException {
        addSegments(1, 5000, 2);

        // Counted in a map (more than 8 values in the segment), which stops growing at the limit.
        TopValuesCollectorManager manager = new TopValuesCollectorManager("trace.id", FIELD, 5, control(), 8, 100,
                1 << 20);
        TopValues top = topValues(manager);

        assertThat(top.values()).isEmpty();
        assertThat(top.partial()).hasValueSatisfying(why -> assertThat(why).contains("more than 100 distinct"));
        assertThat(top.eventsWithField()).isEqualTo(10_000);
        assertThat(top.otherCount()).isEqualTo(10_000);
        assertThat(manager.largestCount()).isEqualTo(101);
    }

    @Test
    void distinct_values_longer_in_all_than_the_byte_limit_answer_why_without_values() throws IOException {
        addSegments(2, 50, 1);

        TopValues top = topValues(new TopValuesCollectorManager("trace.id", FIELD, 5, control(), 1000, 1000, 200));

        assertThat(top.values()).isEmpty();
        assertThat(top.partial()).hasValueSatisfying(why -> assertThat(why).startsWith("trace.id's distinct values"));
        assertThat(top.eventsWithField()).isEqualTo(100);
    }

    @Test
    void a_query_cancelled_while_its_counts_are_merged_stops_there() throws IOException {
        // Too few hits for the collector to look at the cancel switch: the merge is where it is seen.
        addSegments(1, 100, 1);
        QueryControl cancelled = control();
        cancelled.cancel();

        assertThatThrownBy(() -> topValues(new TopValuesCollectorManager("trace.id", FIELD, 5, cancelled)))
                .isInstanceOf(QueryTimeoutException.class).hasMessageContaining("cancelled");
    }

    @Test
    void ordinal_counts_keep_every_count_as_the_table_grows() {
        TopValuesCollectorManager.OrdinalCounts counts = new TopValuesCollectorManager.OrdinalCounts();
        Map<Long, Integer> expected = new HashMap<>();
        Random random = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            long ord = random.nextInt(20_000) * 1_000_003L;
            boolean first = !expected.containsKey(ord);
            expected.merge(ord, 1, Integer::sum);
            assertThat(counts.increment(ord)).isEqualTo(first);
        }
        assertThat(counts.size()).isEqualTo(expected.size());
        expected.forEach((ord, count) -> assertThat(counts.count(ord)).isEqualTo(count));
        assertThat(counts.count(7)).isZero();
    }

    /** Segments of distinct values "s{segment}-{i}", each value in {@code copies} events. */
    private void addSegments(int segments, int distinct, int copies) throws IOException {
        for (int segment = 0; segment < segments; segment++) {
            for (int i = 0; i < distinct; i++) {
                for (int copy = 0; copy < copies; copy++) {
                    Document doc = new Document();
                    doc.add(new SortedSetDocValuesField(FIELD, new BytesRef("s" + segment + "-" + i)));
                    writer.addDocument(doc);
                }
            }
            writer.commit();
        }
    }

    private TopValues topValues(TopValuesCollectorManager manager) throws IOException {
        if (reader == null) {
            reader = DirectoryReader.open(writer);
        }
        return new IndexSearcher(reader).search(new MatchAllDocsQuery(), manager);
    }

    private static QueryControl control() {
        return QueryControl.withTimeLimit(Duration.ofSeconds(30));
    }
}
