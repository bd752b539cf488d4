package dev.periscope.logs.store;

import java.util.Optional;

/**
 * Event counts per time bucket.
 *
 * @param startMillis start of the first bucket (the range start aligned down to the interval)
 * @param intervalMillis width of every bucket
 * @param counts events in each bucket, oldest first
 * @param partial why the counts may be too low (a cluster's shards failed or timed out); empty when complete
 */
public record Histogram(long startMillis, long intervalMillis, long[] counts, Optional<String> partial) {

    /** Complete counts. */
    public Histogram(long startMillis, long intervalMillis, long[] counts) {
        this(startMillis, intervalMillis, counts, Optional.empty());
    }

    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && h.startMillis == startMillis && h.intervalMillis == intervalMillis
                && java.util.Arrays.equals(h.counts, counts) && h.partial.equals(partial);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(counts) * 31 + Long.hashCode(startMillis);
    }

    @Override
    public String toString() {
        return "Histogram[start=" + startMillis + ", interval=" + intervalMillis + ", buckets=" + counts.length + "]";
    }
}
