package dev.periscope.logs.store.lucene;

import dev.periscope.base.PageWork;
import dev.periscope.logs.store.LogEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * <p>Stored events are compressed in chunks ({@link LogsCodec#CHUNK_BYTES} of events, at most {@link LogsCodec#CHUNK_EVENTS}), and a chunk is
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

    /**
     * Below this many hits per part, loading a page on a second core costs more in hand-over than it saves. A page of
     * 100 scattered hits (a selective query) takes over a millisecond to load, most of it decompressing.
     */
    private static final int MIN_HITS_PER_PART = 16;

    /**
     * The events of {@code hits}, in the hits' order. Runs of hits in doc-id order are loaded on the caller's thread
     * and on a spare core ({@link PageWork}); each run reads through its own stored-fields readers, which are not
     * shared between threads. The caller holds {@code reader} open until every run is done.
     */
    static List<LogEvent> load(IndexReader reader, ScoreDoc[] hits) throws IOException {
        Integer[] byDoc = new Integer[hits.length];
        Arrays.setAll(byDoc, i -> i);
        Arrays.sort(byDoc, (a, b) -> Integer.compare(hits[a].doc, hits[b].doc));
        // Neighbouring hits share chunks and load in a fraction of a millisecond: handing half of them over would
        // cost more than it saves, and split a chunk between two threads that would each decompress it.
        boolean scattered = hits.length > 1 && (hits[byDoc[hits.length - 1]].doc - hits[byDoc[0]].doc)
                / (hits.length - 1) >= LogsCodec.CHUNK_BYTES / FIRST_GUESS_BYTES / 2;
        List<LogEvent> inDocOrder;
        try {
            inDocOrder = PageWork.mapParts(Arrays.asList(byDoc), scattered ? MIN_HITS_PER_PART : hits.length + 1,
                    run -> {
                        try {
                            return loadRun(reader.leaves(), hits, run);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        LogEvent[] events = new LogEvent[hits.length];
        for (int k = 0; k < byDoc.length; k++) {
            events[byDoc[k]] = inDocOrder.get(k);
        }
        return new ArrayList<>(Arrays.asList(events));
    }

    /** The events of a run of hits given in doc-id order (indexes into {@code hits}), in that order. */
    private static List<LogEvent> loadRun(List<LeafReaderContext> leaves, ScoreDoc[] hits, List<Integer> run)
            throws IOException {
        LogEvent[] events = new LogEvent[run.size()];
        int i = 0;
        while (i < run.size()) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hits[run.get(i)].doc, leaves));
            int end = i;
            while (end < run.size() && hits[run.get(end)].doc < leaf.docBase + leaf.reader().maxDoc()) {
                end++;
            }
            loadLeaf(leaf, hits, run, i, end, events);
            i = end;
        }
        return Arrays.asList(events);
    }

    /** One event, read the ordinary way. */
    static LogEvent load(StoredFields stored, int doc) throws IOException {
        EventVisitor visitor = new EventVisitor();
        stored.document(doc, visitor);
        return visitor.event();
    }

    /** Loads run positions [from, to), which all lie in {@code leaf}, into the same positions of {@code events}. */
    private static void loadLeaf(LeafReaderContext leaf, ScoreDoc[] hits, List<Integer> run, int from, int to,
                                 LogEvent[] events) throws IOException {
        StoredFields ordinary = leaf.reader().storedFields();
        StoredFields sequential = null;
        long bytes = FIRST_GUESS_BYTES;
        int loaded = 1;
        for (int k = from; k < to; k++) {
            int doc = hits[run.get(k)].doc - leaf.docBase;
            long near = Math.max(2, LogsCodec.CHUNK_BYTES / Math.max(1, bytes / loaded) / 2);
            boolean nearPrevious = k > from && doc - (hits[run.get(k - 1)].doc - leaf.docBase) < near;
            boolean nearNext = k + 1 < to && (hits[run.get(k + 1)].doc - leaf.docBase) - doc < near;
            StoredFields stored = ordinary;
            if ((nearPrevious || nearNext) && leaf.reader() instanceof CodecReader codec) {
                if (sequential == null) {
                    sequential = sequential(codec);
                }
                stored = sequential;
            }
            EventVisitor visitor = new EventVisitor();
            stored.document(doc, visitor);
            events[k] = visitor.event();
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
