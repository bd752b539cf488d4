package dev.periscope.logs.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.grid.Grid;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnFitTest {

    @Test
    void capitals_and_wide_letters_are_estimated_wider_than_narrow_ones() {
        assertThat(ColumnFit.em("ERROR")).isGreaterThan(ColumnFit.em("Level"));
        assertThat(ColumnFit.em("mmmm")).isGreaterThan(ColumnFit.em("iiii"));
        assertThat(ColumnFit.em("notifications")).isGreaterThan(ColumnFit.em("orders"));
        assertThat(ColumnFit.em("")).isZero();
    }

    @Test
    void a_column_is_as_wide_as_its_widest_value_loaded_and_narrows_only_for_a_new_result() {
        Grid<String> grid = new Grid<>();
        Grid.Column<String> column = grid.addColumn(s -> s).setAutoWidth(true);
        ColumnFit<String> fit = new ColumnFit<>(column, "Service", s -> s);
        String header = column.getWidth();
        assertThat(column.isAutoWidth()).isFalse();

        fit.fitRows(List.of("orders", "notifications"));
        String widest = column.getWidth();
        assertThat(widest).isEqualTo(ColumnFit.width(ColumnFit.em("notifications")));
        fit.fitRows(List.of("api"));
        assertThat(column.getWidth()).isEqualTo(widest);

        fit.reset();
        assertThat(column.getWidth()).isEqualTo(header);
    }
}
