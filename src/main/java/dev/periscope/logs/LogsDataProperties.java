package dev.periscope.logs;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the portal keeps its data; the log index lives in its {@code logs} subdirectory.
 *
 * <pre>{@code
 * periscope:
 *   data:
 *     directory: ./data     # PERISCOPE_DATA_DIRECTORY
 * }</pre>
 */
@ConfigurationProperties("periscope.data")
public record LogsDataProperties(@DefaultValue("./data") Path directory) {

    public Path logIndex() {
        return directory.resolve("logs");
    }
}
