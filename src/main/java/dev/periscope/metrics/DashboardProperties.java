package dev.periscope.metrics;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Dashboards as code: a directory of YAML files, one dashboard each, looked at again when a file changes.
 *
 * <pre>
 * periscope:
 *   dashboards:
 *     directory: /etc/periscope/dashboards   # PERISCOPE_DASHBOARDS_DIRECTORY; unset: ./dashboards if present
 *     examples: false                        # PERISCOPE_DASHBOARDS_EXAMPLES; true in the demo profile
 * </pre>
 *
 * @param directory where the dashboard files are; a relative path is taken from the working directory. Unset, the
 *     portal reads {@code ./dashboards} when the working directory has one
 * @param examples whether, with no directory configured and none in the working directory, the example dashboards
 *     packaged in the application are shown (the demo's: one per demo service and a JVM dashboard). Off by default,
 *     so a production install never shows dashboards of services it does not run.
 */
@ConfigurationProperties("periscope.dashboards")
public record DashboardProperties(@Nullable Path directory, boolean examples) {
}
