package dev.periscope.metrics.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsNotSetUpTest {

    @Test
    void a_portal_without_prometheus_says_in_words_that_metrics_are_not_set_up_and_who_sets_them_up() {
        // Without a metrics service nobody's access is asked for, so no resolver is needed.
        var queries = new PanelQueries(null, null, Clock.systemUTC());

        var outcome = queries.instant(Optional.empty(), "up");

        assertThat(outcome).isEqualTo(new PanelQueries.Outcome.Failed(PanelQueries.NOT_SET_UP));
        assertThat(PanelQueries.NOT_SET_UP).startsWith("Metrics are not set up")
                .contains("An administrator", "Prometheus", "(setting periscope.metrics.prometheus.url)")
                .doesNotContain("set periscope.");
        assertThat(PanelQueries.NOT_SET_UP.split("periscope\\.", -1)).as("the setting is named once").hasSize(2);
    }
}
