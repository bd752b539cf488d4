package dev.periscope.logs.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.logs.LogHistogram;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistogramTest {

    /** "Last 7 days" searched at 10:17: 3-hour buckets, the first starting before the range, the last ending after. */
    private static final Instant TO = Instant.parse("2026-11-22T10:17:00Z");
    private static final Instant FROM = TO.minus(Duration.ofDays(7));
    private static final Duration INTERVAL = Duration.ofHours(3);

    private final List<Instant[]> zooms = new ArrayList<>();
    private final Histogram histogram = new Histogram((from, to) -> zooms.add(new Instant[] {from, to}));

    private static LogHistogram buckets(Instant from, Instant to, Duration interval) {
        long width = interval.toMillis();
        long start = Math.floorDiv(from.toEpochMilli(), width) * width;
        List<LogHistogram.Bucket> buckets = new ArrayList<>();
        for (long at = start; at < to.toEpochMilli(); at += width) {
            buckets.add(new LogHistogram.Bucket(Instant.ofEpochMilli(at), 1));
        }
        return new LogHistogram(interval, buckets);
    }

    @Test
    void dragging_from_the_first_bar_to_the_last_zooms_to_the_range_searched_not_past_it() {
        LogHistogram counts = buckets(FROM, TO, INTERVAL);
        assertThat(counts.buckets().getFirst().start()).isBefore(FROM);
        assertThat(counts.buckets().getLast().start().plus(INTERVAL)).isAfter(TO);
        histogram.show(counts, FROM, TO, ZoneOffset.UTC);

        histogram.press(0);
        histogram.release(counts.buckets().size() - 1);

        assertThat(zooms).singleElement().satisfies(zoom -> {
            assertThat(zoom[0]).isEqualTo(FROM);
            assertThat(zoom[1]).isEqualTo(TO);
        });
    }

    @Test
    void a_drag_inside_the_range_zooms_to_the_edges_of_its_bars() {
        LogHistogram counts = buckets(FROM, TO, INTERVAL);
        histogram.show(counts, FROM, TO, ZoneOffset.UTC);

        histogram.press(5);
        histogram.release(3);

        assertThat(zooms).singleElement().satisfies(zoom -> {
            assertThat(zoom[0]).isEqualTo(counts.buckets().get(3).start());
            assertThat(zoom[1]).isEqualTo(counts.buckets().get(5).start().plus(INTERVAL));
        });
    }

    @Test
    void a_press_on_the_bars_of_the_search_before_does_not_zoom_when_released_on_new_bars() {
        histogram.show(buckets(FROM, TO, INTERVAL), FROM, TO, ZoneOffset.UTC);
        histogram.press(50);
        Instant lastHour = TO.minus(Duration.ofHours(1));
        histogram.show(buckets(lastHour, TO, Duration.ofMinutes(1)), lastHour, TO, ZoneOffset.UTC);

        histogram.release(2);

        assertThat(zooms).isEmpty();
    }

    @Test
    void a_release_on_a_bar_that_is_no_longer_shown_does_not_zoom() {
        LogHistogram counts = buckets(FROM, TO, INTERVAL);
        histogram.show(counts, FROM, TO, ZoneOffset.UTC);

        histogram.press(1);
        histogram.release(counts.buckets().size());

        assertThat(zooms).isEmpty();
    }
}
