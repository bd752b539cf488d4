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
 * bar), never past the range that was searched. Plain elements, no chart library: a few hundred bars render instantly.
 */
class Histogram extends Div {

    private final BiConsumer<Instant, Instant> zoom;
    private List<LogHistogram.Bucket> buckets = List.of();
    private java.time.Duration interval = java.time.Duration.ofMinutes(1);
    private Instant searchedFrom = Instant.EPOCH;
    private Instant searchedTo = Instant.EPOCH;
    private int pressed = -1;

    Histogram(BiConsumer<Instant, Instant> zoom) {
        this.zoom = zoom;
        setId("histogram");
        addClassName("histogram");
        getElement().addEventListener("mousedown", e -> press(bar(e))).addEventData("event.target.dataset.i")
                .preventDefault();
        getElement().addEventListener("mouseup", e -> release(bar(e))).addEventData("event.target.dataset.i");
    }

    /** The reader pressed on bar {@code index} (-1 when not on a bar). */
    void press(int index) {
        pressed = index;
    }

    /** The reader released on bar {@code index} (-1 when not on a bar): zooms to the bars from the pressed one. */
    void release(int index) {
        // An index comes from the browser, which may still show the bars of the search before.
        if (isBar(pressed) && isBar(index)) {
            int first = Math.min(pressed, index);
            int last = Math.max(pressed, index);
            // Buckets start on whole intervals, so the first and last reach past the range searched; a zoom to their
            // edges could be longer than the reader's access allows, and would be refused.
            Instant from = max(buckets.get(first).start(), searchedFrom);
            Instant to = min(buckets.get(last).start().plus(interval), searchedTo);
            if (from.isBefore(to)) {
                zoom.accept(from, to);
            }
        }
        pressed = -1;
    }

    private boolean isBar(int index) {
        return index >= 0 && index < buckets.size();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
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

    /** Shows the counts of a search over {@code [from, to)}. */
    void show(LogHistogram histogram, Instant from, Instant to, ZoneId zone) {
        buckets = histogram.buckets();
        interval = histogram.interval();
        searchedFrom = from;
        searchedTo = to;
        // A press on the bars before means nothing on these.
        pressed = -1;
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
