package dev.periscope.metrics.ui;

import java.time.Duration;

/** The query step for a chart: about one point per pixel, rounded up to a step people recognise. */
final class Steps {

    private static final long[] NICE_SECONDS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
            21600, 43200, 86400};
    /** Prometheus refuses more than 11,000 points per series. */
    private static final long MAX_POINTS = 11_000;

    private Steps() {
    }

    static Duration forWidth(Duration range, int widthPx) {
        int width = widthPx <= 0 ? 1000 : widthPx;
        double wanted = Math.max(1.0, (double) range.toSeconds() / width);
        wanted = Math.max(wanted, (double) range.toSeconds() / MAX_POINTS);
        for (long nice : NICE_SECONDS) {
            if (nice >= wanted) {
                return Duration.ofSeconds(nice);
            }
        }
        return Duration.ofSeconds((long) Math.ceil(wanted));
    }
}
