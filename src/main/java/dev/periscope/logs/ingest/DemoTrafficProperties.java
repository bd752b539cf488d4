package dev.periscope.logs.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Demo traffic written into the ingest directory, so the demo exercises the real ingest path.
 *
 * <pre>{@code
 * periscope:
 *   demo:
 *     traffic:
 *       enabled: true            # PERISCOPE_DEMO_TRAFFIC_ENABLED; off unless set
 *       events-per-second: 5     # live rate at the busiest hour of the day
 *       backfill: 24h            # history written on first start, so the histogram has a shape
 *       rotate-at: 64MB          # demo files are rotated (renamed to .1) at this size
 *       seed: 42
 * }</pre>
 */
@ConfigurationProperties("periscope.demo.traffic")
public record DemoTrafficProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("5") int eventsPerSecond,
        @DefaultValue("24h") Duration backfill,
        @DefaultValue("64MB") DataSize rotateAt,
        @DefaultValue("42") long seed) {
}
