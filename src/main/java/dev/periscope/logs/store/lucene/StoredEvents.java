package dev.periscope.logs.store.lucene;

import dev.periscope.logs.store.LogEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.codecs.StoredFieldsReader;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.ScoreDoc;

/**
 * Loads the stored events of a page of hits.
 *
 * <p>Stored events are compressed in chunks ({@link LogsCodec#CHUNK_BYTES} of events, at most 128), and a chunk is
 * decompressed from its start up to the event asked for. Read one by one, the events of a dense page (the newest 100
 * of a broad query, neighbours in the time-sorted index) would decompress the same chunk again for every event: on
 * average half a chunk per event, which made loading most of a page's cost. Hits that are likely to share a chunk
 * are therefore read in doc-id order through a reader that decompresses each chunk once and keeps it (Lucene's
 * sequential "merge instance"); an isolated hit, the usual case for a selective query, is read the ordinary way,
 * which stops decompressing at the event.
 */
final class StoredEvents {

    /**
     * Reading a whole chunk pays off when the hits are closer than half a chunk's worth of events: then the chunk
     * holds at least two of them on average, and whole chunks cost less than a half-chunk prefix per hit. How many
     * events a chunk holds depends on their size (about 60 short access lines, about ten events with stack traces), so
     * the distance is worked out from the sizes of the events loaded so far, starting from this guess.
     */
    private static final int FIRST_GUESS_BYTES = 512;

    private StoredEvents() {
    }

    /** The events of {@code hits}, in the hits' order. */
    static List<LogEvent> load(IndexReader reader, ScoreDoc[] hits) throws IOException {
        LogEvent[] events = new LogEvent[hits.length];
        Integer[] byDoc = new Integer[hits.length];
        Arrays.setAll(byDoc, i -> i);
        Arrays.sort(byDoc, (a, b) -> Integer.compare(hits[a].doc, hits[b].doc));
        List<LeafReaderContext> leaves = reader.leaves();
        int i = 0;
        while (i < byDoc.length) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hits[byDoc[i]].doc, leaves));
            int end = i;
            while (end < byDoc.length && hits[byDoc[end]].doc < leaf.docBase + leaf.reader().maxDoc()) {
                end++;
            }
            loadLeaf(leaf, hits, byDoc, i, end, events);
            i = end;
        }
        return new ArrayList<>(Arrays.asList(events));
    }

    /** One event, read the ordinary way. */
    static LogEvent load(StoredFields stored, int doc) throws IOException {
        EventVisitor visitor = new EventVisitor();
        stored.document(doc, visitor);
        return visitor.event();
    }

    private static void loadLeaf(LeafReaderContext leaf, ScoreDoc[] hits, Integer[] byDoc, int from, int to,
                                 LogEvent[] events) throws IOException {
        StoredFields ordinary = leaf.reader().storedFields();
        StoredFields sequential = null;
        long bytes = FIRST_GUESS_BYTES;
        int loaded = 1;
        for (int k = from; k < to; k++) {
            int doc = hits[byDoc[k]].doc - leaf.docBase;
            long near = Math.max(2, LogsCodec.CHUNK_BYTES / Math.max(1, bytes / loaded) / 2);
            boolean nearPrevious = k > from && doc - (hits[byDoc[k - 1]].doc - leaf.docBase) < near;
            boolean nearNext = k + 1 < to && (hits[byDoc[k + 1]].doc - leaf.docBase) - doc < near;
            StoredFields stored = ordinary;
            if ((nearPrevious || nearNext) && leaf.reader() instanceof CodecReader codec) {
                if (sequential == null) {
                    sequential = sequential(codec);
                }
                stored = sequential;
            }
            EventVisitor visitor = new EventVisitor();
            stored.document(doc, visitor);
            events[byDoc[k]] = visitor.event();
            bytes += visitor.size();
            loaded++;
        }
    }

    private static StoredFields sequential(CodecReader reader) throws IOException {
        StoredFieldsReader fields = reader.getFieldsReader();
        return fields == null ? reader.storedFields() : fields.getMergeInstance();
    }

    /** Reads the one stored field an event is kept in and skips any other. */
    private static final class EventVisitor extends StoredFieldVisitor {

        private byte[] bytes;

        @Override
        public Status needsField(FieldInfo fieldInfo) {
            if (bytes != null) {
                return Status.STOP;
            }
            return LuceneFields.STORED.equals(fieldInfo.name) ? Status.YES : Status.NO;
        }

        @Override
        public void binaryField(FieldInfo fieldInfo, byte[] value) {
            bytes = value;
        }

        int size() {
            return bytes == null ? 0 : bytes.length;
        }

        LogEvent event() throws IOException {
            if (bytes == null) {
                throw new IOException("a document holds no stored event");
            }
            return EventCodec.decode(new org.apache.lucene.util.BytesRef(bytes));
        }
    }
}
