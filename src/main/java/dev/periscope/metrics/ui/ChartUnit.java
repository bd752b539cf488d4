package dev.periscope.metrics.ui;

import java.util.Locale;

/** How a chart's values read: the same formatting as the chart's axis and tooltip (periscope-chart.js). */
enum ChartUnit {
    NONE("none", "Number"), BYTES("bytes", "Bytes"), SECONDS("seconds", "Seconds"), PERCENT("percent", "Percent (0–1)"),
    OPS("ops", "Ops/s");

    final String id;
    final String label;

    ChartUnit(String id, String label) {
        this.id = id;
        this.label = label;
    }

    static ChartUnit of(String id) {
        for (ChartUnit u : values()) {
            if (u.id.equalsIgnoreCase(id) || u.name().equalsIgnoreCase(id)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown unit '" + id + "' (none, bytes, seconds, percent, ops)");
    }

    String format(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return switch (this) {
            case BYTES -> scaled(v, new String[] {"B", "KiB", "MiB", "GiB", "TiB"}, 1024);
            case SECONDS -> Math.abs(v) < 1 ? String.format(Locale.ROOT, "%.1f ms", v * 1000)
                    : String.format(Locale.ROOT, "%.2f s", v);
            case PERCENT -> String.format(Locale.ROOT, "%.1f %%", v * 100);
            case OPS -> scaled(v, new String[] {"", "k", "M", "G"}, 1000) + " ops/s";
            case NONE -> scaled(v, new String[] {"", "k", "M", "G", "T"}, 1000);
        };
    }

    private static String scaled(double v, String[] steps, double base) {
        int i = 0;
        double x = Math.abs(v);
        while (x >= base && i < steps.length - 1) {
            x /= base;
            i++;
        }
        return (String.format(Locale.ROOT, "%.2f", Math.signum(v) * x).replaceAll("\\.?0+$", "") + " " + steps[i]).strip();
    }
}
