package dev.periscope.logs.store.lucene;

import java.nio.file.Path;
import java.util.Locale;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Loading a page's stored events: 100 hits at strides of 1 to 400 doc ids, read one by one through the
 * reader's ordinary stored fields against {@link StoredEvents#load}, best of 300 pages per round. Opt-in, on an index
 * kept by the logs bench: {@code java -jar target/periscope-*.jar bench logs --events 300000 --dir DIR --keep}, then
 * {@code ./mvnw -o test -Dtest=StoredEventsBenchRun -Dbench.stored-events.index=DIR/index}.
 */
class StoredEventsBenchRun {

    @Test
    @EnabledIfSystemProperty(named = "bench.stored-events.index", matches = ".+")
    void loads_neighbouring_and_scattered_hits() throws Exception {
        try (FSDirectory dir = FSDirectory.open(Path.of(System.getProperty("bench.stored-events.index")));
             DirectoryReader reader = DirectoryReader.open(dir)) {
            System.out.printf(Locale.ROOT, "%d segments, %,d events%n", reader.leaves().size(), reader.maxDoc());
            for (int stride : new int[] {1, 3, 9, 20, 50, 400}) {
                ScoreDoc[] hits = new ScoreDoc[100];
                long oneByOne = Long.MAX_VALUE;
                long page = Long.MAX_VALUE;
                for (int rep = 0; rep < 900; rep++) {
                    int base = (rep * 7919) % (reader.maxDoc() - 100 * stride - 1);
                    for (int i = 0; i < hits.length; i++) {
                        hits[i] = new ScoreDoc(base + i * stride, 0);
                    }
                    long t0 = System.nanoTime();
                    StoredFields stored = reader.storedFields();
                    for (ScoreDoc hit : hits) {
                        StoredEvents.load(stored, hit.doc);
                    }
                    long t1 = System.nanoTime();
                    StoredEvents.load(reader, hits);
                    long t2 = System.nanoTime();
                    if (rep >= 300) {
                        oneByOne = Math.min(oneByOne, t1 - t0);
                        page = Math.min(page, t2 - t1);
                    }
                }
                System.out.printf(Locale.ROOT, "100 hits %d doc ids apart: one by one %.3f ms, as a page %.3f ms%n",
                        stride, oneByOne / 1e6, page / 1e6);
            }
        }
    }
}
