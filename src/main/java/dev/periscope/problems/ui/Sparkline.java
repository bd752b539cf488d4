package dev.periscope.problems.ui;

import com.vaadin.flow.component.Html;
import java.util.List;
import java.util.Locale;

/**
 * Counts over time as a small inline SVG made on the server: a polyline for a row of the list, bars for a group's
 * occurrences. No chart library and no client code.
 */
final class Sparkline {

    private Sparkline() {
    }

    /** A line across {@code width} x {@code height} pixels. */
    static Html line(List<Long> counts, int width, int height, String label) {
        long max = Math.max(1, counts.stream().mapToLong(Long::longValue).max().orElse(1));
        StringBuilder points = new StringBuilder();
        int n = Math.max(1, counts.size() - 1);
        for (int i = 0; i < counts.size(); i++) {
            double x = (double) i * width / n;
            double y = height - 1 - (double) counts.get(i) * (height - 2) / max;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return svg(width, height, label, "<polyline class=\"spark-line\" fill=\"none\" points=\""
                + points.toString().strip() + "\"/>", "sparkline");
    }

    /** Bars, one per count. */
    static Html bars(List<Long> counts, int width, int height, String label) {
        long max = Math.max(1, counts.stream().mapToLong(Long::longValue).max().orElse(1));
        double step = (double) width / Math.max(1, counts.size());
        StringBuilder bars = new StringBuilder();
        for (int i = 0; i < counts.size(); i++) {
            double h = counts.get(i) == 0 ? 0 : Math.max(1, (double) counts.get(i) * (height - 1) / max);
            bars.append(String.format(Locale.ROOT,
                    "<rect class=\"spark-bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
                    i * step, height - h, Math.max(1, step - 1), h));
        }
        return svg(width, height, label, bars.toString(), "occurrences");
    }

    private static Html svg(int width, int height, String label, String body, String cssClass) {
        return new Html("<svg class=\"" + cssClass + "\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width
                + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\" aria-label=\""
                + escape(label) + "\">" + body + "</svg>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
