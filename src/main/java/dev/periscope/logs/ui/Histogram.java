package dev.periscope.logs.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.DomEvent;
import dev.periscope.logs.LogHistogram;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Counts over time as bars. Press on one bar and release on another to zoom to that span (a click zooms to one
 * bar). Plain elements, no chart library: a few hundred bars render instantly.
 */
class Histogram extends Div {

    private List<LogHistogram.Bucket> buckets = List.of();
    private java.time.Duration interval = java.time.Duration.ofMinutes(1);
    private int pressed = -1;

    Histogram(BiConsumer<Instant, Instant> zoom) {
        setId("histogram");
        addClassName("histogram");
        getElement().addEventListener("mousedown", e -> pressed = bar(e)).addEventData("event.target.dataset.i")
                .preventDefault();
        getElement().addEventListener("mouseup", e -> {
            int released = bar(e);
            if (pressed >= 0 && released >= 0 && !buckets.isEmpty()) {
                int first = Math.min(pressed, released);
                int last = Math.max(pressed, released);
                zoom.accept(buckets.get(first).start(), buckets.get(last).start().plus(interval));
            }
            pressed = -1;
        }).addEventData("event.target.dataset.i");
    }

    private static int bar(DomEvent e) {
        var node = e.getEventData().get("event.target.dataset.i");
        String index = node == null || node.isNull() ? "" : node.asString();
        try {
            return index.isEmpty() ? -1 : Integer.parseInt(index);
        } catch (NumberFormatException ex) {
            return -1;
        }
    }

    void show(LogHistogram histogram, ZoneId zone) {
        buckets = histogram.buckets();
        interval = histogram.interval();
        removeAll();
        long max = Math.max(1, buckets.stream().mapToLong(LogHistogram.Bucket::count).max().orElse(1));
        DateTimeFormatter time = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(zone);
        for (int i = 0; i < buckets.size(); i++) {
            LogHistogram.Bucket b = buckets.get(i);
            Div bar = new Div();
            bar.addClassName("bar");
            bar.getElement().setAttribute("data-i", String.valueOf(i));
            bar.getElement().setAttribute("title", time.format(b.start()) + ": " + b.count());
            bar.getStyle().set("height", Math.max(b.count() == 0 ? 0 : 2, 100 * b.count() / max) + "%");
            Div slot = new Div(bar);
            slot.addClassName("slot");
            slot.getElement().setAttribute("data-i", String.valueOf(i));
            add(slot);
        }
        getElement().setAttribute("data-total", String.valueOf(histogram.total()));
    }
}
