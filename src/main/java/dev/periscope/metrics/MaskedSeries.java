package dev.periscope.metrics;

import dev.periscope.masking.MaskedText;
import java.util.List;
import java.util.Map;

/**
 * A series whose label values have passed the masking engine.
 *
 * @param key identifies the series within its result: the masked labels, made unique when masking made two series
 *     look alike (a value redacted without a token), so charts and legends never merge distinct series
 * @param labels label name to masked value
 * @param points samples in time order (one for an instant query)
 */
public record MaskedSeries(String key, Map<String, MaskedText> labels, List<Point> points) {
    public MaskedSeries {
        labels = Map.copyOf(labels);
        points = List.copyOf(points);
    }
}
