package dev.periscope.masking;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Where the masking rules come from, decided once at start and logged, so that the rule set in force never depends
 * on the working directory without anyone knowing:
 * <ol>
 *   <li>the configured directory ({@code periscope.masking.rules-directory}); configured but missing is an error,
 *       never a reason to fall back to other rules;
 *   <li>else {@code ./masking-rules}, when the portal runs from the project or a deployment that ships one;
 *   <li>else the rules packaged in the jar (copied to a private directory and not hot-reloaded: they cannot change).
 * </ol>
 * With none of these, there are no rules and the portal must not start (fail closed).
 *
 * @param directory the directory the rules are loaded from
 * @param source which of the three it is, for the log and error messages
 * @param watchable whether hot reload makes sense (false for the packaged copy)
 */
record RulesLocation(Path directory, String source, boolean watchable) {

    private static final Logger log = LoggerFactory.getLogger(RulesLocation.class);

    /** The classpath folder the build packages {@code masking-rules/*.yaml} into. */
    static final String PACKAGED = "masking-rules";

    static RulesLocation resolve(@Nullable Path configured, Path workingDirectory, ClassLoader classLoader) {
        RulesLocation location = find(configured, workingDirectory, classLoader);
        log.info("Masking rules in force: {} ({})", location.directory(), location.source());
        return location;
    }

    static RulesLocation find(@Nullable Path configured, Path workingDirectory, ClassLoader classLoader) {
        if (configured != null) {
            if (!Files.isDirectory(configured)) {
                throw new IllegalStateException("Masking rules directory " + configured.toAbsolutePath()
                        + " (periscope.masking.rules-directory) does not exist or is not a directory; no data is "
                        + "shown without masking rules");
            }
            return new RulesLocation(configured, "configured periscope.masking.rules-directory", true);
        }
        Path local = workingDirectory.resolve(PACKAGED);
        if (Files.isDirectory(local)) {
            return new RulesLocation(local, "./" + PACKAGED + " in the working directory", true);
        }
        Path packaged = copyPackaged(classLoader);
        if (packaged != null) {
            return new RulesLocation(packaged, "rules packaged in the application", false);
        }
        throw new IllegalStateException("No masking rules: periscope.masking.rules-directory is not set, there is no "
                + "./" + PACKAGED + " directory in " + workingDirectory.toAbsolutePath() + ", and the application "
                + "carries no packaged rules; no data is shown without masking rules");
    }

    /** Copies the packaged rule files to a fresh private directory; null when the classpath has none. */
    private static @Nullable Path copyPackaged(ClassLoader classLoader) {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver(classLoader)
                    .getResources("classpath*:" + PACKAGED + "/*.yaml");
            if (files.length == 0) {
                return null;
            }
            Path dir = Files.createTempDirectory("periscope-masking-rules-");
            dir.toFile().deleteOnExit();
            for (Resource r : files) {
                String name = r.getFilename();
                if (name == null) {
                    continue;
                }
                Path target = dir.resolve(name);
                try (InputStream in = r.getInputStream()) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().deleteOnExit();
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the masking rules packaged in the application", e);
        }
    }
}
