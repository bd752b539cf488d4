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
 * <p>Stored events are compressed in chunks of up to 128 events, and a chunk is decompressed from its start up to
 * the event asked for. Read one by one, the events of a dense page (the newest 100 of a broad query, neighbours in
 * the time-sorted index) would decompress the same chunk again for every event: on average half a chunk per event,
 * which made loading most of a page's cost. Hits next to one another are therefore read in doc-id order through a
 * reader that decompresses each chunk once and keeps it (Lucene's sequential "merge instance"); an isolated hit, the
 * usual case for a selective query, is read the ordinary way, which stops decompressing at the event.
 */
final class StoredEvents {

    /**
     * Hits this close are read through the chunk-keeping reader. Reading a whole chunk pays off only when a chunk
     * holds several hits: a 16 KiB chunk holds about 60 short events but only about ten with stack traces, so a hit
     * every few events is the break-even for the larger events. Farther apart, the ordinary read is cheaper.
     */
    private static final int NEAR = 4;

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
        for (int k = from; k < to; k++) {
            int doc = hits[byDoc[k]].doc - leaf.docBase;
            boolean nearPrevious = k > from && doc - (hits[byDoc[k - 1]].doc - leaf.docBase) < NEAR;
            boolean nearNext = k + 1 < to && (hits[byDoc[k + 1]].doc - leaf.docBase) - doc < NEAR;
            StoredFields stored = ordinary;
            if ((nearPrevious || nearNext) && leaf.reader() instanceof CodecReader codec) {
                if (sequential == null) {
                    sequential = sequential(codec);
                }
                stored = sequential;
            }
            events[byDoc[k]] = load(stored, doc);
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

        LogEvent event() throws IOException {
            if (bytes == null) {
                throw new IOException("a document holds no stored event");
            }
            return EventCodec.decode(new org.apache.lucene.util.BytesRef(bytes));
        }
    }
}
