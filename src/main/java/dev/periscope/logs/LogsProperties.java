package dev.periscope.logs;

import dev.periscope.logs.query.QueryLimits;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Log search settings.
 *
 * <pre>{@code
 * periscope:
 *   logs:
 *     store: lucene                # lucene (embedded); elasticsearch when that adapter is configured
 *     query-timeout: 10s           # a query that runs longer stops with a message
 *     max-query-length: 4096
 *     max-clauses: 256
 *     max-expansions: 10000        # terms one wildcard or regular expression may expand to
 *     max-pattern-length: 256
 *     allowed-fields: ["*"]        # structured fields users may search, as globs
 *     max-page-size: 1000
 *     histogram-buckets: 60        # automatic interval aims at about this many buckets
 *     export-max-rows: 100000      # an export stops here, with a note saying so
 * }</pre>
 */
@ConfigurationProperties("periscope.logs")
public record LogsProperties(
        @DefaultValue("lucene") String store,
        @DefaultValue("10s") Duration queryTimeout,
        @DefaultValue("4096") int maxQueryLength,
        @DefaultValue("256") int maxClauses,
        @DefaultValue("10000") int maxExpansions,
        @DefaultValue("256") int maxPatternLength,
        @DefaultValue("*") List<String> allowedFields,
        @DefaultValue("1000") int maxPageSize,
        @DefaultValue("60") int histogramBuckets,
        @DefaultValue("100000") int exportMaxRows) {

    public static LogsProperties defaults() {
        return new LogsProperties("lucene", Duration.ofSeconds(10), 4096, 256, 10_000, 256, List.of("*"), 1000, 60,
                100_000);
    }

    /** The same settings with another export cap. */
    public LogsProperties withExportMaxRows(int rows) {
        return new LogsProperties(store, queryTimeout, maxQueryLength, maxClauses, maxExpansions, maxPatternLength,
                allowedFields, maxPageSize, histogramBuckets, rows);
    }

    QueryLimits limits() {
        return new QueryLimits(maxQueryLength, maxClauses, maxExpansions, maxPatternLength, allowedFields);
    }
}
