package dev.periscope.logs.store;

/**
 * Event counts per time bucket.
 *
 * @param startMillis start of the first bucket (the range start aligned down to the interval)
 * @param intervalMillis width of every bucket
 * @param counts events in each bucket, oldest first
 */
public record Histogram(long startMillis, long intervalMillis, long[] counts) {

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
                && java.util.Arrays.equals(h.counts, counts);
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
