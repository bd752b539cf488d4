package dev.periscope.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Where the dashboards come from, decided once at start and logged, so that which dashboards people see does not
 * depend on the directory the portal happened to be started from without anyone knowing:
 * <ol>
 *   <li>the configured directory ({@code periscope.dashboards.directory}), even while it is missing: the listing
 *       then says so, and never falls back to other dashboards;
 *   <li>else {@code ./dashboards}, when the portal runs from the project or a deployment that ships one;
 *   <li>else, when {@code periscope.dashboards.examples} is on (the demo), the example dashboards packaged in the
 *       application, read once;
 *   <li>else none.
 * </ol>
 * The first two are read again whenever a file changes.
 *
 * @param store the dashboards from that place
 * @param source which of the four it is, for the log
 */
record DashboardLocation(DashboardStore store, String source) {

    private static final Logger log = LoggerFactory.getLogger(DashboardLocation.class);

    /** The classpath folder the build packages {@code dashboards/*.yaml} into. */
    static final String PACKAGED = "dashboards";

    static DashboardLocation resolve(DashboardProperties properties, Path workingDirectory, ClassLoader classLoader) {
        DashboardLocation location = find(properties, workingDirectory, classLoader);
        if (properties.directory() != null && !Files.isDirectory(properties.directory())) {
            log.warn("Dashboards directory {} (periscope.dashboards.directory) does not exist; no dashboards are "
                    + "shown until it does", properties.directory().toAbsolutePath());
        } else {
            log.info("Dashboards: {}", location.source());
        }
        return location;
    }

    static DashboardLocation find(DashboardProperties properties, Path workingDirectory, ClassLoader classLoader) {
        Path configured = properties.directory();
        if (configured != null) {
            return new DashboardLocation(DashboardStore.configured(configured),
                    configured.toAbsolutePath() + " (configured periscope.dashboards.directory)");
        }
        Path local = workingDirectory.resolve(PACKAGED);
        if (Files.isDirectory(local)) {
            return new DashboardLocation(new DashboardStore(local),
                    local.toAbsolutePath() + " (./" + PACKAGED + " in the working directory)");
        }
        SequencedMap<String, String> packaged = properties.examples() ? packaged(classLoader) : new LinkedHashMap<>();
        if (!packaged.isEmpty()) {
            return new DashboardLocation(DashboardStore.fixed(packaged),
                    packaged.size() + " example dashboards packaged in the application");
        }
        return new DashboardLocation(DashboardStore.fixed(new LinkedHashMap<>()),
                "none (periscope.dashboards.directory is not set and " + workingDirectory.toAbsolutePath()
                        + " has no ./" + PACKAGED + " directory)");
    }

    /** The packaged dashboard files' text by file name, in name order; empty when the classpath has none. */
    private static SequencedMap<String, String> packaged(ClassLoader classLoader) {
        try {
            var texts = new TreeMap<String, String>();
            for (Resource r : new PathMatchingResourcePatternResolver(classLoader)
                    .getResources("classpath*:" + PACKAGED + "/*")) {
                String name = r.getFilename();
                if (name != null && DashboardStore.isDashboardFile(name) && !texts.containsKey(name)) {
                    // The first of two files with one name wins, as the first on the classpath would.
                    try (InputStream in = r.getInputStream()) {
                        texts.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboards packaged in the application", e);
        }
    }
}
