package dev.periscope.metrics.ui;

import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.logs.LogAccess;
import dev.periscope.logs.LogAccessDeniedException;
import dev.periscope.logs.LogHistogram;
import dev.periscope.logs.LogQuery;
import dev.periscope.logs.LogService;
import dev.periscope.logs.LogTopValues;
import dev.periscope.logs.query.InvalidQueryException;
import dev.periscope.logs.query.QueryTimeoutException;
import dev.periscope.metrics.Dashboard.Panel.Split;
import dev.periscope.metrics.Point;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Graphs derived from the log store, so they work without Prometheus: log events per second (one line per level,
 * per service, or in all) and the share of events at level ERROR or FATAL. Every number comes from
 * {@link LogService#histogram} and {@link LogService#topValues}, so it is scoped, audited and masked like a search.
 */
final class LogPanels {

    /** Fewer buckets than a Prometheus chart has points: a log histogram bucket of a few events is mostly noise. */
    private static final int BUCKETS = 120;
    private static final int LINES = 8;
    static final String ERRORS = "(level:ERROR OR level:FATAL)";

    /** What a log panel showed, or why it showed nothing. */
    sealed interface Outcome {
        record Shown(List<ChartLine> lines) implements Outcome {
        }

        record Failed(String message) implements Outcome {
        }
    }

    private final LogService logs;

    LogPanels(LogService logs) {
        this.logs = logs;
    }

    /** Events per second matching {@code filter}, split as asked. */
    Outcome rate(LogAccess access, String filter, Split split, Instant from, Instant to) {
        return guarded(() -> {
            Duration interval = interval(from, to);
            var lines = new ArrayList<ChartLine>();
            for (var part : parts(access, filter, split, from, to).entrySet()) {
                LogHistogram h = histogram(access, and(filter, part.getValue()), from, to, interval);
                lines.add(new ChartLine(part.getKey(), serviceOf(split, part.getKey()), points(h, to, count -> count
                        / (double) interval.toSeconds())));
            }
            return new Outcome.Shown(lines);
        });
    }

    /** The share of events matching {@code filter} at level ERROR or FATAL, per bucket with any events. */
    Outcome errorRatio(LogAccess access, String filter, Split split, Instant from, Instant to) {
        return guarded(() -> {
            Duration interval = interval(from, to);
            var lines = new ArrayList<ChartLine>();
            for (var part : parts(access, filter, split == Split.SERVICE ? Split.SERVICE : Split.NONE, from, to)
                    .entrySet()) {
                String base = and(filter, part.getValue());
                LogHistogram all = histogram(access, base, from, to, interval);
                LogHistogram errors = histogram(access, and(base, ERRORS), from, to, interval);
                lines.add(new ChartLine(part.getKey().equals("events") ? "error ratio" : part.getKey(),
                        serviceOf(split, part.getKey()), ratio(errors, all, to)));
            }
            return new Outcome.Shown(lines);
        });
    }

    /** The lines of a split: legend to the clause that selects its events (blank for all). */
    private Map<String, String> parts(LogAccess access, String filter, Split split, Instant from, Instant to) {
        var parts = new LinkedHashMap<String, String>();
        if (split == Split.NONE) {
            parts.put("events", "");
            return parts;
        }
        String field = split == Split.LEVEL ? "level" : "service";
        LogTopValues top = logs.topValues(access, new LogQuery(filter, from, to), field, LINES, logs.newControl());
        for (LogTopValues.Value v : top.values()) {
            String value = v.value().text();
            parts.put(value, field + ":\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return parts;
    }

    private LogHistogram histogram(LogAccess access, String text, Instant from, Instant to, Duration interval) {
        return logs.histogram(access, new LogQuery(text, from, to), Optional.of(interval), logs.newControl());
    }

    static Duration interval(Instant from, Instant to) {
        return Steps.forWidth(Duration.between(from, to), BUCKETS);
    }

    static String and(String a, String b) {
        if (a.isBlank()) {
            return b;
        }
        return b.isBlank() ? a : "(" + a + ") AND " + b;
    }

    /** Points at each bucket's middle; a bucket cut short by the end of the range would read as a drop, so it goes. */
    static List<Point> points(LogHistogram h, Instant to, java.util.function.LongFunction<Double> value) {
        var points = new ArrayList<Point>(h.buckets().size());
        for (LogHistogram.Bucket b : h.buckets()) {
            if (b.start().plus(h.interval()).isAfter(to)) {
                continue;
            }
            points.add(new Point(middle(b, h.interval()), value.apply(b.count())));
        }
        return points;
    }

    static List<Point> ratio(LogHistogram errors, LogHistogram all, Instant to) {
        Map<Instant, Long> errorCounts = new LinkedHashMap<>();
        errors.buckets().forEach(b -> errorCounts.put(b.start(), b.count()));
        var points = new ArrayList<Point>();
        for (LogHistogram.Bucket b : all.buckets()) {
            if (b.count() == 0 || b.start().plus(all.interval()).isAfter(to)) {
                continue;
            }
            points.add(new Point(middle(b, all.interval()), errorCounts.getOrDefault(b.start(), 0L) / (double) b.count()));
        }
        return points;
    }

    private static double middle(LogHistogram.Bucket b, Duration interval) {
        return (b.start().toEpochMilli() + interval.toMillis() / 2) / 1000.0;
    }

    private static Optional<String> serviceOf(Split split, String legend) {
        return split == Split.SERVICE ? Optional.of(legend) : Optional.empty();
    }

    private static Outcome guarded(Supplier<Outcome> read) {
        try {
            return read.get();
        } catch (InvalidQueryException | LogAccessDeniedException e) {
            return new Outcome.Failed(e.getMessage());
        } catch (QueryTimeoutException e) {
            return new Outcome.Failed("The log store took too long. Narrow the time range or the filter.");
        } catch (AuditUnavailableException e) {
            return new Outcome.Failed("The audit trail cannot record this read, so nothing is shown.");
        }
    }
}
