package dev.periscope.logs.ui;

import com.vaadin.flow.component.grid.Grid;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Function;

/**
 * The width of a short column of the results (service, level): enough for every value loaded into the grid, not only
 * the rows on screen. The grid's own auto width measures just the rows it has rendered, so a longer value further
 * down, or in a page loaded later, would be cut ("notificat…", "ERR…"). The width is estimated from the text,
 * generously, and only grows while one result is shown.
 */
final class ColumnFit<T> {

    /** The cell's padding and the resize handle, in em. */
    private static final double PADDING_EM = 1.5;

    private final Grid.Column<T> column;
    private final Function<T, String> value;
    private final double headerEm;
    private double em;

    ColumnFit(Grid.Column<T> column, String header, Function<T, String> value) {
        this.column = column;
        this.value = value;
        this.headerEm = em(header);
        column.setHeader(header);
        column.setAutoWidth(false);
        column.setFlexGrow(0);
        reset();
    }

    /** A new result: back to the header's width. */
    void reset() {
        em = headerEm;
        apply();
    }

    void fitRows(Collection<T> rows) {
        fitValues(rows.stream().map(value).toList());
    }

    void fitValues(Collection<String> values) {
        double widest = values.stream().mapToDouble(ColumnFit::em).max().orElse(0);
        if (widest > em) {
            em = widest;
            apply();
        }
    }

    private void apply() {
        column.setWidth(width(em));
    }

    static String width(double textEm) {
        return String.format(Locale.ROOT, "%.1fem", textEm + PADDING_EM);
    }

    /**
     * An upper estimate of the text's width in em in the portal's sans-serif font: capitals, digits, the wide
     * letters and East Asian characters take more room than narrow letters and punctuation.
     */
    static double em(String text) {
        double em = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("mwMW@".indexOf(c) >= 0 || c >= '\u2e80') {
                em += 0.95;
            } else if (Character.isUpperCase(c) || Character.isDigit(c)) {
                em += 0.72;
            } else if ("iljtfr.,:;|!'() ".indexOf(c) >= 0) {
                em += 0.4;
            } else {
                em += 0.6;
            }
        }
        return em;
    }
}
