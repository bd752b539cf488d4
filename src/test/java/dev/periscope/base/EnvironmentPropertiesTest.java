package dev.periscope.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnvironmentPropertiesTest {

    @Test
    void production_titles_start_with_prod() {
        assertThat(new EnvironmentProperties("production", "#c62828", null).pageTitle("Logs"))
                .isEqualTo("[PROD] Logs · Periscope");
    }

    @Test
    void other_environments_use_their_name_unless_a_label_is_set() {
        assertThat(new EnvironmentProperties("demo", "#1565c0", null).titleLabel()).isEqualTo("DEMO");
        assertThat(new EnvironmentProperties("staging-eu", "orange", "STAGE").titleLabel()).isEqualTo("STAGE");
    }

    @Test
    void refuses_a_colour_that_could_inject_css() {
        assertThatThrownBy(() -> new EnvironmentProperties("production", "red; background: url(x)", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("periscope.environment.color");
    }
}
