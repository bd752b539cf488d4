package dev.periscope.metrics.ui;

import dev.periscope.metrics.MaskedSeries;
import dev.periscope.metrics.Point;
import java.util.List;
import java.util.Optional;

/**
 * One line of a chart: its legend and the service it belongs to (for the link to logs), both from masked values or
 * from names Periscope chose itself (a log level), and its points.
 */
record ChartLine(String legend, Optional<String> service, List<Point> points) {

    ChartLine {
        points = List.copyOf(points);
    }

    static ChartLine of(MaskedSeries s) {
        return new ChartLine(SeriesLabels.legend(s), SeriesLabels.service(s), s.points());
    }
}
