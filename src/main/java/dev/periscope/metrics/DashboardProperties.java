package dev.periscope.metrics;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dashboards as code: a directory of YAML files, one dashboard each, looked at again when a file changes.
 *
 * <pre>
 * periscope:
 *   dashboards:
 *     directory: dashboards        # PERISCOPE_DASHBOARDS_DIRECTORY; relative to the working directory
 * </pre>
 */
@ConfigurationProperties("periscope.dashboards")
public record DashboardProperties(@DefaultValue("dashboards") Path directory) {
}
