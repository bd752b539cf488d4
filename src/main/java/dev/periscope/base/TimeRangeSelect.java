package dev.periscope.base;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The time-range picker every data view shares (Logs, Metrics, dashboards), so presets, labels and the "Custom range"
 * state read the same everywhere. A custom range (set by zooming, a deep link or the dialog "Custom range" opens)
 * shows as the empty selection, with the range itself written under the picker.
 */
public final class TimeRangeSelect extends Select<TimeRangeChoice> {

    private final Consumer<TimeRangeChoice> onPick;
    private TimeRangeChoice current = TimeRangeChoice.DEFAULT;

    /** @param onPick called when the user picks a preset or a custom range; not for values set by code (links, zoom) */
    public TimeRangeSelect(Consumer<TimeRangeChoice> onPick) {
        this.onPick = onPick;
        setId("time-range");
        setItems(TimeRangeChoice.PRESETS);
        setItemLabelGenerator(r -> r == null ? "Custom range" : r.label());
        setEmptySelectionAllowed(true);
        setEmptySelectionCaption("Custom range");
        setValue(TimeRangeChoice.DEFAULT);
        addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            if (e.getValue() != null) {
                show(e.getValue());
                onPick.accept(e.getValue());
            } else {
                openCustomRange();
            }
        });
    }

    /** Shows a preset as selected, or "Custom range" with its times under the picker for any other range. */
    public void show(TimeRangeChoice choice) {
        current = choice;
        setValue(TimeRangeChoice.PRESETS.contains(choice) ? choice : null);
        setHelperText(TimeRangeChoice.PRESETS.contains(choice) ? null : describe(choice, zone()));
    }

    /** The range in the browser's time zone when the page has told it, else in UTC. */
    static String describe(TimeRangeChoice choice, ZoneId zone) {
        Optional<Instant> from = TimeExpressions.parse(choice.from(), Clock.systemUTC());
        Optional<Instant> to = TimeExpressions.parse(choice.to(), Clock.systemUTC());
        if (from.isEmpty() || to.isEmpty()) {
            return choice.from() + " to " + choice.to();
        }
        return TimeFormats.dateTime(from.get(), zone) + " to " + TimeFormats.dateTime(to.get(), zone) + " ("
                + TimeFormats.zoneName(zone) + ")";
    }

    private ZoneId zone() {
        UI ui = getUI().orElse(UI.getCurrent());
        var details = ui == null ? null : ui.getInternals().getExtendedClientDetails();
        return details == null ? ZoneOffset.UTC : TimeFormats.zone(details.getTimeZoneId()).orElse(ZoneOffset.UTC);
    }

    /** Asks for an absolute range, starting from the range shown now; a cancelled dialog changes nothing. */
    private void openCustomRange() {
        ZoneId zone = zone();
        Instant now = Instant.now();
        Instant from = TimeExpressions.parse(current.from(), Clock.systemUTC()).orElse(now.minus(Duration.ofHours(1)));
        Instant to = TimeExpressions.parse(current.to(), Clock.systemUTC()).orElse(now);
        DateTimePicker fromPicker = picker(TimeFormats.header("From", zone), from, zone);
        fromPicker.setId("custom-range-from");
        DateTimePicker toPicker = picker(TimeFormats.header("To", zone), to, zone);
        toPicker.setId("custom-range-to");
        Paragraph problem = new Paragraph();
        problem.setId("custom-range-error");
        problem.addClassName("error");
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Custom range");
        dialog.add(fromPicker, toPicker, problem);
        Button apply = new Button("Apply", click -> {
            LocalDateTime f = fromPicker.getValue();
            LocalDateTime t = toPicker.getValue();
            if (f == null || t == null || fromPicker.isInvalid() || toPicker.isInvalid()) {
                problem.setText("Enter both times.");
                return;
            }
            Instant start = f.atZone(zone).toInstant();
            Instant end = t.atZone(zone).toInstant();
            if (!start.isBefore(end)) {
                problem.setText("The start must be before the end.");
                return;
            }
            TimeRangeChoice chosen = TimeRangeChoice.absolute(start, end);
            dialog.close();
            show(chosen);
            onPick.accept(chosen);
        });
        apply.setId("custom-range-apply");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", click -> dialog.close());
        dialog.getFooter().add(cancel, apply);
        // Closed without applying (Cancel, Escape, a click outside): the picker shows the range still in force.
        dialog.addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                show(current);
            }
        });
        dialog.open();
    }

    private static DateTimePicker picker(String label, Instant value, ZoneId zone) {
        DateTimePicker picker = new DateTimePicker(label);
        picker.setStep(Duration.ofMinutes(1));
        picker.setValue(LocalDateTime.ofInstant(value, zone).withSecond(0).withNano(0));
        return picker;
    }
}
