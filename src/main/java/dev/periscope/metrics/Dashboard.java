package dev.periscope.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A dashboard defined as code: a YAML file in the dashboards directory (see {@code DashboardParser} for the format).
 *
 * @param id the file name without extension; what the policy's dashboard globs match
 * @param title shown above the panels
 * @param file the file it came from, for errors
 * @param service the service its panels show, used for the logs link when a series has no service label
 * @param from the default range start ({@code now-1h}, an ISO instant)
 * @param to the default range end
 * @param refresh auto-refresh interval, zero for off
 * @param variables values the user picks, substituted into the panels' queries
 * @param rows rows of panels
 */
public record Dashboard(String id, String title, String file, Optional<String> service, String from, String to,
                        Duration refresh, List<Variable> variables, List<Row> rows) {

    public Dashboard {
        variables = List.copyOf(variables);
        rows = List.copyOf(rows);
    }

    /**
     * {@code $name} in a panel's query, filled from the values of a label.
     *
     * @param name what queries write after {@code $}
     * @param label the label whose values are offered
     * @param metric the metric whose series are asked for values (scoped like every other read)
     */
    public record Variable(String name, String label, String metric) {
    }

    public record Row(String title, List<Panel> panels) {
        public Row {
            panels = List.copyOf(panels);
        }
    }

    /**
     * One panel.
     *
     * @param unit none, bytes, seconds, percent (a 0–1 ratio) or ops (per second)
     * @param kind for time series: line, area or stacked
     * @param thresholds for single stats: the colour from the highest threshold the value reaches
     * @param split for log-derived panels: one line per level, per service, or one line in all
     */
    public record Panel(String title, Type type, String query, String unit, String kind, List<Threshold> thresholds,
                        Split split) {
        public enum Type {
            TIMESERIES,
            STAT,
            /** The most frequent problems (stack-trace groups) of the dashboard's service; the query is a log filter. */
            PROBLEMS,
            /** Pending and firing alerts in the user's scope; the query, when set, is a label selector narrowing them. */
            ALERTS,
            /** Log events per second from the log store; the query, when set, is a log filter. */
            LOGRATE,
            /** The share of log events at level ERROR or FATAL; the query, when set, is a log filter. */
            ERRORRATIO;

            /** Whether the panel reads the log store rather than Prometheus. */
            public boolean fromLogs() {
                return this == PROBLEMS || this == LOGRATE || this == ERRORRATIO;
            }
        }

        public enum Split { NONE, LEVEL, SERVICE }

        public Panel {
            thresholds = List.copyOf(thresholds);
        }
    }

    public record Threshold(double value, String color) {
    }
}
