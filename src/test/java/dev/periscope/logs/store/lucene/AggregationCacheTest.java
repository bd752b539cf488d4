package dev.periscope.logs.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AggregationCacheTest {

    record Ask(String what) implements AggregationCache.Key {
    }

    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private IndexWriter writer;
    private DirectoryReader first;
    private final AtomicInteger computed = new AtomicInteger();

    @BeforeEach
    void openAReader() throws IOException {
        writer = new IndexWriter(directory, new IndexWriterConfig());
        addOne();
        first = DirectoryReader.open(writer);
    }

    @AfterEach
    void close() throws IOException {
        first.close();
        writer.close();
        directory.close();
    }

    @Test
    void an_answer_is_computed_once_per_reader_and_request() throws IOException {
        AggregationCache cache = new AggregationCache(8);

        assertThat(cache.get(first, new Ask("a"), String.class, this::compute)).isEqualTo("answer 1");
        assertThat(cache.get(first, new Ask("a"), String.class, this::compute)).isEqualTo("answer 1");
        assertThat(cache.get(first, new Ask("b"), String.class, this::compute)).isEqualTo("answer 2");

        assertThat(computed).hasValue(2);
    }

    @Test
    void a_new_reader_after_a_change_gets_fresh_answers() throws IOException {
        AggregationCache cache = new AggregationCache(8);
        cache.get(first, new Ask("a"), String.class, this::compute);
        addOne();

        try (DirectoryReader second = DirectoryReader.openIfChanged(first)) {
            assertThat(second).isNotNull();
            assertThat(cache.get(second, new Ask("a"), String.class, this::compute)).isEqualTo("answer 2");
            assertThat(cache.get(second, new Ask("a"), String.class, this::compute)).isEqualTo("answer 2");
        }
        assertThat(computed).hasValue(2);
    }

    @Test
    void the_least_recently_used_answer_goes_first_when_full() throws IOException {
        AggregationCache cache = new AggregationCache(2);
        cache.get(first, new Ask("a"), String.class, this::compute);
        cache.get(first, new Ask("b"), String.class, this::compute);
        cache.get(first, new Ask("a"), String.class, this::compute);
        cache.get(first, new Ask("c"), String.class, this::compute);

        assertThat(cache.get(first, new Ask("a"), String.class, this::compute)).isEqualTo("answer 1");
        assertThat(cache.get(first, new Ask("b"), String.class, this::compute)).isEqualTo("answer 4");
    }

    @Test
    void a_failed_computation_keeps_nothing_and_a_capacity_of_zero_keeps_nothing_at_all() throws IOException {
        AggregationCache cache = new AggregationCache(8);
        assertThatThrownBy(() -> cache.get(first, new Ask("a"), String.class, () -> {
            throw new IOException("timed out");
        })).isInstanceOf(IOException.class);
        assertThat(cache.get(first, new Ask("a"), String.class, this::compute)).isEqualTo("answer 1");

        AggregationCache off = new AggregationCache(0);
        off.get(first, new Ask("a"), String.class, this::compute);
        off.get(first, new Ask("a"), String.class, this::compute);
        assertThat(computed).hasValue(3);
    }

    private String compute() {
        return "answer " + computed.incrementAndGet();
    }

    private void addOne() throws IOException {
        Document doc = new Document();
        doc.add(new StringField("f", "v", Field.Store.NO));
        writer.addDocument(doc);
    }
}
