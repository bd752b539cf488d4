package dev.periscope.metrics.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.metrics.Dashboard;
import dev.periscope.metrics.DashboardService.Listing;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Dashboards page says why its list is empty: nothing set up, nothing readable, or nothing for your roles. */
class DashboardListTest {

    @Test
    void a_portal_without_dashboards_says_none_are_set_up_and_names_the_setting_not_a_folder() {
        String text = DashboardView.emptyListing(new Listing(List.of(), List.of(), false)).orElseThrow();

        assertThat(text).startsWith("No dashboards have been set up yet.")
                .contains("periscope.dashboards.directory")
                .doesNotContain("/", "your roles");
    }

    @Test
    void dashboards_set_up_for_other_roles_only_read_as_none_for_yours() {
        String text = DashboardView.emptyListing(new Listing(List.of(), List.of(), true)).orElseThrow();

        assertThat(text).contains("None of the dashboards set up here is for your roles")
                .doesNotContain("periscope.dashboards.directory");
    }

    @Test
    void dashboard_files_that_could_not_be_read_point_to_their_errors() {
        String text = DashboardView.emptyListing(new Listing(List.of(),
                List.of("checkout.yaml: line 3: unknown key"), false)).orElseThrow();

        assertThat(text).isEqualTo("No dashboard could be read; the problems are listed below.");
    }

    @Test
    void a_configured_folder_that_is_missing_says_so_in_its_own_words_without_a_server_path() {
        String text = DashboardView.emptyListing(new Listing(List.of(), List.of(), false, true)).orElseThrow();

        assertThat(text).startsWith("The folder set up for dashboards is missing on the server")
                .contains("Ask an administrator", "periscope.dashboards.directory")
                .doesNotContain("/", "errors", "listed below");
    }

    @Test
    void a_list_with_dashboards_needs_no_explanation() {
        Dashboard jvm = new Dashboard("jvm", "JVM", "jvm.yaml", Optional.empty(), "now-1h", "now", Duration.ZERO,
                List.of(), List.of());

        assertThat(DashboardView.emptyListing(new Listing(List.of(jvm), List.of(), true))).isEmpty();
    }
}
