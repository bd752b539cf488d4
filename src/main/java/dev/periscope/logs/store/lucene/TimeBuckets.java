package dev.periscope.logs.store.lucene;

import java.io.IOException;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.search.Sort;

/**
 * Where each histogram bucket lies in one segment of the time-sorted index, as a run of doc ids.
 *
 * <p>The index is sorted by timestamp descending, so the events at or after a time {@code t} are exactly the doc ids
 * {@code [0, n)}, where {@code n} is the number of timestamp points {@code >= t}. The points index gives that number
 * in about log(segment size) steps, so a histogram needs no per-event doc-value reads: a match-all histogram is
 * computed from the bucket edges alone, a filtered one by comparing each matching doc id with the next edge.
 * Deleted events keep their doc ids until a merge, and their points too, so the edges hold with deletions.
 */
final class TimeBuckets {

    /** edges[i]: first doc id older than bucket i's start (clamped to the range); bucket i is [edges[i+1], edges[i]). */
    private final int[] edges;

    private TimeBuckets(int[] edges) {
        this.edges = edges;
    }

    /**
     * The bucket edges of {@code buckets} buckets of {@code interval} from {@code start}, clamped to
     * {@code [from, to)}, in one segment; empty when the segment is not sorted newest first or has no timestamps.
     */
    static java.util.Optional<TimeBuckets> of(LeafReader reader, Sort newestFirst, long start, long interval,
                                              int buckets, long from, long to) throws IOException {
        if (!newestFirst.equals(reader.getMetaData().sort())) {
            return java.util.Optional.empty();
        }
        PointValues points = reader.getPointValues(LuceneFields.TIMESTAMP);
        if (points == null || points.getDocCount() != reader.maxDoc()) {
            return java.util.Optional.empty();
        }
        int[] edges = new int[buckets + 1];
        for (int i = 0; i <= buckets; i++) {
            long edge = Math.clamp(start + i * interval, from, to);
            edges[i] = (int) countAtLeast(points.getPointTree(), edge);
        }
        return java.util.Optional.of(new TimeBuckets(edges));
    }

    int buckets() {
        return edges.length - 1;
    }

    /** First doc id of bucket {@code i} (the newest of its events). */
    int firstDoc(int i) {
        return edges[i + 1];
    }

    /** Doc id after the last of bucket {@code i}. */
    int endDoc(int i) {
        return edges[i];
    }

    /** Events with a timestamp {@code >= t}: whole cells of the points tree count by their size. */
    private static long countAtLeast(PointValues.PointTree tree, long t) throws IOException {
        if (LongPoint.decodeDimension(tree.getMinPackedValue(), 0) >= t) {
            return tree.size();
        }
        if (LongPoint.decodeDimension(tree.getMaxPackedValue(), 0) < t) {
            return 0;
        }
        if (tree.moveToChild()) {
            long count = 0;
            do {
                count += countAtLeast(tree, t);
            } while (tree.moveToSibling());
            tree.moveToParent();
            return count;
        }
        long[] count = {0};
        tree.visitDocValues(new PointValues.IntersectVisitor() {
            @Override
            public void visit(int docID) {
                throw new IllegalStateException("cells are visited value by value");
            }

            @Override
            public void visit(int docID, byte[] packedValue) {
                if (LongPoint.decodeDimension(packedValue, 0) >= t) {
                    count[0]++;
                }
            }

            @Override
            public PointValues.Relation compare(byte[] minPackedValue, byte[] maxPackedValue) {
                return PointValues.Relation.CELL_CROSSES_QUERY;
            }
        });
        return count[0];
    }
}
