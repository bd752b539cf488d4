package dev.periscope.metrics;

/** One sample of a series: Unix time in seconds and value. */
public record Point(double timestamp, double value) {
}
