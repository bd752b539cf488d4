package dev.periscope.logs.store.lucene;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the embedded Lucene log store. The index lives in {@code <periscope.data.directory>/logs}.
 *
 * <pre>{@code
 * periscope:
 *   logs:
 *     lucene:
 *       refresh-interval: 1s        # new events become searchable this often
 *       search-idle-after: 0s       # pause periodic refreshes after this long without a search; 0 = never
 *       ram-buffer: 128MB           # indexing buffer before a segment is flushed
 *       index-threads: 2            # threads indexing one batch
 *       retention:
 *         max-age: 7d               # events older than this are deleted
 *         max-size: 0B              # 0 = no size limit; else oldest events go first
 *         check-interval: 1m
 *       max-page-size: 1000
 *       max-buckets: 2000           # histogram buckets
 *       max-expansions: 10000       # terms one wildcard may expand to
 *       aggregation-cache-entries: 64  # histograms and top values kept until the index changes; 0 = none
 *       max-field-names: 1000       # structured field names indexed; fields with later names are stored only
 * }</pre>
 *
 * Every key can be set from the environment, e.g. {@code PERISCOPE_LOGS_LUCENE_RETENTION_MAXAGE=3d}.
 */
@ConfigurationProperties("periscope.logs.lucene")
public record LuceneLogStoreProperties(
        @DefaultValue("1s") Duration refreshInterval,
        @DefaultValue("0s") Duration searchIdleAfter,
        @DefaultValue("128MB") DataSize ramBuffer,
        @DefaultValue("2") int indexThreads,
        @DefaultValue Retention retention,
        @DefaultValue("1000") int maxPageSize,
        @DefaultValue("2000") int maxBuckets,
        @DefaultValue("10000") int maxExpansions,
        @DefaultValue("64") int aggregationCacheEntries,
        @DefaultValue("1000") int maxFieldNames) {

    /**
     * @param maxAge events older than this are deleted
     * @param maxSize the index is kept below this size by deleting the oldest events; zero means no limit
     * @param checkInterval how often retention runs
     */
    public record Retention(
            @DefaultValue("7d") Duration maxAge,
            @DefaultValue("0B") DataSize maxSize,
            @DefaultValue("1m") Duration checkInterval) {
    }

    /** These settings with another aggregation cache size (0 turns the cache off). */
    public LuceneLogStoreProperties withAggregationCacheEntries(int entries) {
        return new LuceneLogStoreProperties(refreshInterval, searchIdleAfter, ramBuffer, indexThreads, retention,
                maxPageSize, maxBuckets, maxExpansions, entries, maxFieldNames);
    }

    /** Defaults, for tests and the bench. */
    public static LuceneLogStoreProperties defaults() {
        return new LuceneLogStoreProperties(Duration.ofSeconds(1), Duration.ZERO, DataSize.ofMegabytes(128), 2,
                new Retention(Duration.ofDays(7), DataSize.ofBytes(0), Duration.ofMinutes(1)), 1000, 2000, 10_000, 64,
                1000);
    }
}
