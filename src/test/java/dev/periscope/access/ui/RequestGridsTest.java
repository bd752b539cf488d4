package dev.periscope.access.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestGridsTest {

    @Test
    void a_list_of_requests_with_no_rows_says_there_is_nothing_in_it() {
        var grid = RequestGrids.grid("pending-requests", Clock.systemUTC(), true, "No pending requests");

        RequestGrids.show(grid, List.of());

        assertThat(grid.getEmptyStateText()).isEqualTo("No pending requests");
    }
}
