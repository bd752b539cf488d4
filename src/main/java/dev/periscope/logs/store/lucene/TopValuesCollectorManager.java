package dev.periscope.logs.store.lucene;

import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.store.TopValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.PriorityQueue;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefHash;

/**
 * The most frequent values of one keyword field among a query's hits, exact, in memory bounded by limits rather than
 * by the data.
 *
 * <p>Each segment counts its values by ordinal and resolves them to text once, at its end; the segments' counts are
 * merged by value. Fields people rank (service, level, status, host) have at most thousands of values. Ids (trace,
 * request, session) have about one per event: an exact ranking of those needs every value in memory, millions over
 * a week, and says nothing anyway. So once more than {@link #MAX_DISTINCT_VALUES} distinct values (or
 * {@link #MAX_VALUE_BYTES} of them) are seen, the values are dropped and the answer says why, with no values; the
 * rest of the hits are still counted, so the number of events with the field stays exact.
 */
final class TopValuesCollectorManager implements CollectorManager<Collector, TopValues> {

    /**
     * Distinct values merged across segments before giving up on ranking them: ten times more than a field worth
     * ranking has, and small enough to keep the merge at about 6 MB for ids of 32 to 36 characters.
     */
    static final int MAX_DISTINCT_VALUES = 100_000;

    /**
     * Bytes of distinct values merged before giving up: keyword values are up to 256 characters, so 100,000 of the
     * longest would otherwise take about 80 MB.
     */
    static final long MAX_VALUE_BYTES = 16L << 20;

    /**
     * Segments with at most this many distinct values of the field count in an int array by ordinal: 4 bytes per
     * value of the segment, at most 1 MB, and no hashing per hit. A segment with more holds mostly ids, of which a
     * query usually hits a few: it counts in a map of the ordinals hit, about 16 to 32 bytes each, never more than
     * {@link #MAX_DISTINCT_VALUES} of them (3 MB), where an array could take tens of MB for a few hits.
     */
    static final int DENSE_ORDINALS = 1 << 18;

    /** Hits, ordinals or values handled between two looks at the query's time limit and cancel switch. */
    private static final int CHECK_MASK = 0x3FFF;

    private final String field;
    private final String keywordField;
    private final int size;
    private final QueryControl control;
    private final int denseOrdinals;
    private final int maxDistinct;
    private final long maxBytes;

    // Shared by the segments' collectors, which may run on several threads: guarded by this.
    private BytesRefHash merged = new BytesRefHash();
    private long[] counts = new long[16];
    private long mergedBytes;
    private long eventsWithField;
    private long occurrences;
    private int largestCount;
    /** Why the values were dropped; null while they are counted. */
    private volatile String tooMany;

    /**
     * @param field the field's canonical name, for the answer
     * @param keywordField the Lucene field holding its values as sorted-set doc values
     */
    TopValuesCollectorManager(String field, String keywordField, int size, QueryControl control) {
        this(field, keywordField, size, control, DENSE_ORDINALS, MAX_DISTINCT_VALUES, MAX_VALUE_BYTES);
    }

    /** With other limits, so that tests can reach them with a few values. */
    TopValuesCollectorManager(String field, String keywordField, int size, QueryControl control, int denseOrdinals,
                              int maxDistinct, long maxBytes) {
        this.field = field;
        this.keywordField = keywordField;
        this.size = size;
        this.control = control;
        this.denseOrdinals = denseOrdinals;
        this.maxDistinct = maxDistinct;
        this.maxBytes = maxBytes;
    }

    /** The most distinct values held at once, in one segment's counts or in the merge. */
    synchronized int largestCount() {
        return largestCount;
    }

    @Override
    public Collector newCollector() {
        return new Collector() {
            @Override
            public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
                return new SegmentCounts(DocValues.getSortedSet(context.reader(), keywordField), tooMany == null);
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        };
    }

    @Override
    public TopValues reduce(Collection<Collector> collectors) {
        synchronized (this) {
            if (tooMany != null) {
                return new TopValues(field, List.of(), eventsWithField, occurrences, Optional.of(tooMany));
            }
            List<TopValues.ValueCount> top = top();
            long shown = top.stream().mapToLong(TopValues.ValueCount::count).sum();
            return new TopValues(field, top, eventsWithField, occurrences - shown);
        }
    }

    /** The {@code size} most frequent merged values, most frequent first, ties by value. */
    private List<TopValues.ValueCount> top() {
        BytesRef a = new BytesRef();
        BytesRef b = new BytesRef();
        Comparator<Integer> better = (x, y) -> counts[x] != counts[y] ? Long.compare(counts[y], counts[x])
                : merged.get(x, a).compareTo(merged.get(y, b));
        // Only the values kept so far, the worst of them first: selecting costs the values times log(size).
        PriorityQueue<Integer> kept = new PriorityQueue<>(size + 1, better.reversed());
        for (int id = 0; id < merged.size(); id++) {
            if ((id & CHECK_MASK) == 0) {
                control.check();
            }
            kept.offer(id);
            if (kept.size() > size) {
                kept.poll();
            }
        }
        List<TopValues.ValueCount> top = new ArrayList<>(kept.size());
        while (!kept.isEmpty()) {
            int id = kept.poll();
            top.add(new TopValues.ValueCount(merged.get(id, a).utf8ToString(), counts[id]));
        }
        Collections.reverse(top);
        return top;
    }

    /** Drops the values counted so far and says why: called with this held. */
    private void giveUp(String why) {
        tooMany = field + why + "; top values are not available for it. Narrow the time range or the query.";
        merged = null;
        counts = null;
    }

    private String moreThanDistinct() {
        return String.format(Locale.ROOT, " has more than %,d distinct values in this range", maxDistinct);
    }

    /** Adds one segment's count of one value to the merge; false when that is one value too many. */
    private boolean merge(BytesRef value, long count) {
        int id = merged.add(value);
        if (id < 0) {
            counts[-id - 1] += count;
            return true;
        }
        mergedBytes += value.length;
        largestCount = Math.max(largestCount, id + 1);
        if (id >= maxDistinct) {
            giveUp(moreThanDistinct());
            return false;
        }
        if (mergedBytes > maxBytes) {
            giveUp(String.format(Locale.ROOT, "'s distinct values in this range take more than %,d MB",
                    maxBytes >> 20));
            return false;
        }
        counts = ArrayUtil.grow(counts, id + 1);
        counts[id] = count;
        return true;
    }

    /** One segment's counts by ordinal. */
    private final class SegmentCounts implements LeafCollector {
        private final SortedSetDocValues values;
        /** By ordinal, when the segment has few distinct values; else null. */
        private int[] dense;
        /** The ordinals hit, when the segment has many distinct values; else null. */
        private OrdinalCounts sparse;
        /** Whether this segment still counts values, not only the events that have one. */
        private boolean counting;
        private int distinct;
        private int seen;
        private long withField;
        private long segmentOccurrences;

        SegmentCounts(SortedSetDocValues values, boolean counting) {
            this.values = values;
            this.counting = counting;
            if (counting) {
                long valueCount = values.getValueCount();
                if (valueCount <= denseOrdinals) {
                    dense = new int[(int) valueCount];
                } else {
                    sparse = new OrdinalCounts();
                }
            }
        }

        @Override
        public void setScorer(Scorable scorer) {
        }

        @Override
        public void collect(int doc) throws IOException {
            if ((++seen & CHECK_MASK) == 0) {
                control.check();
                if (counting && tooMany != null) {
                    stopCounting(); // another segment found too many values: free this one's counts now
                }
            }
            if (!values.advanceExact(doc)) {
                return;
            }
            int n = values.docValueCount();
            withField++;
            segmentOccurrences += n;
            if (!counting) {
                return;
            }
            for (int i = 0; i < n; i++) {
                long ord = values.nextOrd();
                boolean first = dense != null ? dense[(int) ord]++ == 0 : sparse.increment(ord);
                if (first && ++distinct > maxDistinct) {
                    // This segment alone has too many: so has the merge. Stop counting values, keep counting events.
                    synchronized (TopValuesCollectorManager.this) {
                        largestCount = Math.max(largestCount, distinct);
                        if (tooMany == null) {
                            giveUp(moreThanDistinct());
                        }
                    }
                    stopCounting();
                    return;
                }
            }
        }

        private void stopCounting() {
            counting = false;
            dense = null;
            sparse = null;
        }

        @Override
        public void finish() throws IOException {
            // Per segment, not per hit: the merge is shared by the collectors of concurrent segments.
            synchronized (TopValuesCollectorManager.this) {
                eventsWithField += withField;
                occurrences += segmentOccurrences;
                largestCount = Math.max(largestCount, distinct);
                if (counting && tooMany == null) {
                    mergeSegment();
                }
                stopCounting();
            }
        }

        private void mergeSegment() throws IOException {
            if (dense != null) {
                for (int ord = 0; ord < dense.length; ord++) {
                    if ((ord & CHECK_MASK) == 0) {
                        control.check();
                    }
                    if (dense[ord] > 0 && !merge(values.lookupOrd(ord), dense[ord])) {
                        return;
                    }
                }
            } else {
                long[] keys = sparse.keys;
                for (int slot = 0; slot < keys.length; slot++) {
                    if ((slot & CHECK_MASK) == 0) {
                        control.check();
                    }
                    if (keys[slot] != OrdinalCounts.EMPTY
                            && !merge(values.lookupOrd(keys[slot]), sparse.counts[slot])) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * Counts by ordinal in two primitive arrays with open addressing: about 12 bytes a slot, where a
     * {@code HashMap<Long, Integer>} takes about 80 bytes an entry in objects for the collector to chase.
     */
    static final class OrdinalCounts {
        static final long EMPTY = -1;
        private long[] keys;
        private int[] counts;
        private int size;

        OrdinalCounts() {
            allocate(1 << 10);
        }

        /** Adds one to the count of {@code ord}; true when that is its first. */
        boolean increment(long ord) {
            int slot = slot(ord, keys);
            if (keys[slot] == ord) {
                counts[slot]++;
                return false;
            }
            keys[slot] = ord;
            counts[slot] = 1;
            if (++size > keys.length / 4 * 3) {
                grow();
            }
            return true;
        }

        int count(long ord) {
            int slot = slot(ord, keys);
            return keys[slot] == ord ? counts[slot] : 0;
        }

        int size() {
            return size;
        }

        /** The slot of {@code ord}, or the empty slot where it goes. */
        private static int slot(long ord, long[] keys) {
            int mask = keys.length - 1;
            // Fibonacci hashing spreads the ordinals, which arrive in runs, over the table.
            int slot = (int) ((ord * 0x9E3779B97F4A7C15L) >>> 32) & mask;
            while (keys[slot] != EMPTY && keys[slot] != ord) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private void allocate(int capacity) {
            keys = new long[capacity];
            Arrays.fill(keys, EMPTY);
            counts = new int[capacity];
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldCounts = counts;
            allocate(oldKeys.length * 2);
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != EMPTY) {
                    int slot = slot(oldKeys[i], keys);
                    keys[slot] = oldKeys[i];
                    counts[slot] = oldCounts[i];
                }
            }
        }
    }
}
