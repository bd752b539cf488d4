package dev.periscope.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Matching events per time bucket.
 *
 * @param interval width of every bucket
 * @param buckets oldest first
 * @param partial why the counts may be too low (some of a cluster's shards failed or timed out); empty when complete
 */
public record LogHistogram(Duration interval, List<Bucket> buckets, Optional<String> partial) {

    public LogHistogram {
        buckets = List.copyOf(buckets);
    }

    /** Complete counts. */
    public LogHistogram(Duration interval, List<Bucket> buckets) {
        this(interval, buckets, Optional.empty());
    }

    public long total() {
        return buckets.stream().mapToLong(Bucket::count).sum();
    }

    public record Bucket(Instant start, long count) {
    }
}
