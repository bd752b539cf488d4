package dev.periscope.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Matching events per time bucket.
 *
 * @param interval width of every bucket
 * @param buckets oldest first
 */
public record LogHistogram(Duration interval, List<Bucket> buckets) {

    public LogHistogram {
        buckets = List.copyOf(buckets);
    }

    public long total() {
        return buckets.stream().mapToLong(Bucket::count).sum();
    }

    public record Bucket(Instant start, long count) {
    }
}
