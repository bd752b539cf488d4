package dev.periscope.logs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo and browser-test settings of log search. Never set them in production.
 *
 * <pre>{@code
 * periscope:
 *   demo:
 *     simulated-search-latency: 0s   # PERISCOPE_DEMO_SIMULATEDSEARCHLATENCY; a wait before every log read, to
 *                                    # show progress and Cancel on a search that is slow on purpose
 * }</pre>
 */
@ConfigurationProperties("periscope.demo")
public record DemoSearchProperties(@DefaultValue("0s") Duration simulatedSearchLatency) {
}
