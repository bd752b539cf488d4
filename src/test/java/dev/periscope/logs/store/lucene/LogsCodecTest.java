package dev.periscope.logs.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.logs.store.LogEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsCodecTest {

    @TempDir
    Path dir;

    /**
     * The codec's stored-fields chunk size may change (smaller chunks make scattered hits cheaper to load). Lucene
     * finds the codec by name, so an index written with another chunk size must be read, and merged, by today's.
     */
    @Test
    void reads_and_merges_stored_events_written_with_another_chunk_size() throws Exception {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            events.add(new LogEvent(String.format("%016x", i), 1_700_000_000_000L + i, "checkout", "INFO",
                    "order o-" + i + " placed " + "x".repeat(i % 300), Map.of("n", Integer.toString(i)),
                    "checkout.log", i, i * 100L, false));
        }
        try (Directory d = FSDirectory.open(dir)) {
            write(d, new OtherChunksLogsCodec(), events.subList(0, 300));
            write(d, new LogsCodec(), events.subList(300, 500));
            try (IndexWriter merging = new IndexWriter(d, new IndexWriterConfig().setCodec(new LogsCodec()))) {
                assertThat(readAll(d)).containsExactlyElementsOf(events);
                merging.forceMerge(1);
                merging.commit();
            }
            assertThat(readAll(d)).containsExactlyElementsOf(events);
        }
    }

    private static void write(Directory d, FilterCodec codec, List<LogEvent> events) throws Exception {
        try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig().setCodec(codec))) {
            for (LogEvent e : events) {
                Document doc = new Document();
                doc.add(new StoredField(LuceneFields.STORED, EventCodec.encode(e)));
                w.addDocument(doc);
            }
            w.commit();
        }
    }

    private static List<LogEvent> readAll(Directory d) throws Exception {
        List<LogEvent> read = new ArrayList<>();
        try (DirectoryReader r = DirectoryReader.open(d)) {
            var stored = r.storedFields();
            for (int doc = 0; doc < r.maxDoc(); doc++) {
                read.add(StoredEvents.load(stored, doc));
            }
        }
        return read;
    }

    /** The codec under the same name with other chunks, those shipped before: 16 KiB, at most 128 events. */
    private static final class OtherChunksLogsCodec extends FilterCodec {
        private final StoredFieldsFormat storedFields = new Lucene90CompressingStoredFieldsFormat(
                LogsCodec.STORED_FIELDS_FORMAT, CompressionMode.FAST, 16 * 1024, 128, 10);

        OtherChunksLogsCodec() {
            super(LogsCodec.NAME, new Lucene104Codec());
        }

        @Override
        public StoredFieldsFormat storedFieldsFormat() {
            return storedFields;
        }
    }
}
