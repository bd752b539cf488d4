package dev.periscope.logs.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Ingest of log files into the embedded store.
 *
 * <pre>{@code
 * periscope:
 *   ingest:
 *     enabled: true
 *     directory: ./ingest          # watched with its subdirectories; PERISCOPE_INGEST_DIRECTORY
 *     poll-interval: 250ms         # how often growing files are read
 *     commit-interval: 5s          # events and file checkpoints become durable together this often
 *     multiline-flush: 2s          # an event waits this long for more stack-trace lines
 *     max-line: 1MB                # longer lines are cut, with a marker
 *     batch-size: 20000            # events handed to the store at once
 *     default-zone: UTC            # the zone of times written without an offset (Europe/Berlin, +01:00)
 * }</pre>
 */
@ConfigurationProperties("periscope.ingest")
public record IngestProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("./ingest") Path directory,
        @DefaultValue("250ms") Duration pollInterval,
        @DefaultValue("5s") Duration commitInterval,
        @DefaultValue("2s") Duration multilineFlush,
        @DefaultValue("1MB") DataSize maxLine,
        @DefaultValue("20000") int batchSize,
        @DefaultValue("UTC") ZoneId defaultZone) {

    @ConstructorBinding
    public IngestProperties {
        if (maxLine.toBytes() < 64 || maxLine.toBytes() > 64L << 20) {
            throw new IllegalArgumentException("periscope.ingest.max-line must be between 64B and 64MB, not "
                    + maxLine);
        }
    }

    /** With times without an offset read as UTC. */
    public IngestProperties(boolean enabled, Path directory, Duration pollInterval, Duration commitInterval,
                            Duration multilineFlush, DataSize maxLine, int batchSize) {
        this(enabled, directory, pollInterval, commitInterval, multilineFlush, maxLine, batchSize, ZoneOffset.UTC);
    }

    public static IngestProperties defaults(Path directory) {
        return new IngestProperties(true, directory, Duration.ofMillis(250), Duration.ofSeconds(5),
                Duration.ofSeconds(2), DataSize.ofMegabytes(1), 20_000);
    }
}
