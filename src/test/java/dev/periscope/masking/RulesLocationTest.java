package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesLocationTest {

    /** A class loader that sees nothing but the JDK: no packaged rules. */
    private static final ClassLoader EMPTY = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());

    @Test
    void a_configured_directory_wins_over_the_working_directory(@TempDir Path tmp) throws Exception {
        Path configured = Files.createDirectories(tmp.resolve("etc-rules"));
        Files.createDirectories(tmp.resolve("masking-rules"));
        RulesLocation l = RulesLocation.resolve(configured, tmp, EMPTY);
        assertThat(l.directory()).isEqualTo(configured);
        assertThat(l.source()).contains("configured");
        assertThat(l.watchable()).isTrue();
    }

    @Test
    void a_configured_directory_that_is_missing_fails_closed_instead_of_falling_back(@TempDir Path tmp)
            throws Exception {
        Files.createDirectories(tmp.resolve("masking-rules"));
        assertThatThrownBy(() -> RulesLocation.resolve(tmp.resolve("nope"), tmp, EMPTY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nope")
                .hasMessageContaining("periscope.masking.rules-directory");
    }

    @Test
    void without_configuration_the_working_directorys_masking_rules_are_used(@TempDir Path tmp) throws Exception {
        Path local = Files.createDirectories(tmp.resolve("masking-rules"));
        RulesLocation l = RulesLocation.resolve(null, tmp, EMPTY);
        assertThat(l.directory()).isEqualTo(local);
        assertThat(l.source()).contains("working directory");
    }

    @Test
    void without_either_the_packaged_rules_are_copied_out_and_load(@TempDir Path tmp) throws Exception {
        // The project's own rules folder stands in for the jar: same layout, masking-rules/*.yaml on the classpath.
        ClassLoader jar = new URLClassLoader(new URL[] {MaskingFixtures.projectRoot().toUri().toURL()}, EMPTY);
        RulesLocation l = RulesLocation.resolve(null, tmp, jar);
        assertThat(l.source()).contains("packaged");
        assertThat(l.watchable()).isFalse();
        assertThat(new RuleLoader(MaskingFixtures.validators()).load(l.directory()).rules())
                .hasSameSizeAs(MaskingFixtures.shippedRules().ruleSet.rules());
    }

    @Test
    void with_no_rules_anywhere_the_portal_refuses_to_start(@TempDir Path tmp) {
        assertThatThrownBy(() -> RulesLocation.resolve(null, tmp, EMPTY)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No masking rules").hasMessageContaining("no data is shown");
    }
}
