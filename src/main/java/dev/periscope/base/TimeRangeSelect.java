package dev.periscope.base;

import com.vaadin.flow.component.select.Select;
import java.util.function.Consumer;

/**
 * The time-range picker every data view shares (Logs, Metrics, dashboards), so presets, labels and the "Custom range"
 * state read the same everywhere. A custom range (set by zooming or a deep link) shows as the empty selection.
 */
public final class TimeRangeSelect extends Select<TimeRangeChoice> {

    /** @param onPick called when the user picks a preset; not for values set by code (links, zoom) */
    public TimeRangeSelect(Consumer<TimeRangeChoice> onPick) {
        setId("time-range");
        setItems(TimeRangeChoice.PRESETS);
        setItemLabelGenerator(r -> r == null ? "Custom range" : r.label());
        setEmptySelectionAllowed(true);
        setEmptySelectionCaption("Custom range");
        setValue(TimeRangeChoice.DEFAULT);
        addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                onPick.accept(e.getValue());
            }
        });
    }

    /** Shows a preset as selected, or "Custom range" for any other range. */
    public void show(TimeRangeChoice choice) {
        setValue(TimeRangeChoice.PRESETS.contains(choice) ? choice : null);
    }
}
