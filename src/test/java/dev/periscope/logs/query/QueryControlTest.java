package dev.periscope.logs.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueryControlTest {

    @Test
    void a_renewed_control_has_a_fresh_time_budget() {
        QueryControl spent = QueryControl.withTimeLimit(Duration.ZERO);

        assertThat(spent.shouldStop()).isTrue();
        QueryControl renewed = QueryControl.withTimeLimit(Duration.ofSeconds(10)).renewed();
        assertThat(renewed.shouldStop()).isFalse();
    }

    @Test
    void one_cancel_stops_the_control_and_every_renewal_of_it() {
        QueryControl search = QueryControl.withTimeLimit(Duration.ofSeconds(10));
        QueryControl histogram = search.renewed();
        QueryControl page = search.renewed();

        search.cancel();

        assertThat(histogram.shouldStop()).isTrue();
        assertThat(page.isCancelled()).isTrue();
        assertThat(search.renewed().shouldStop()).isTrue();
        assertThatThrownBy(page::check).isInstanceOf(QueryTimeoutException.class).hasMessageContaining("cancelled");
    }
}
