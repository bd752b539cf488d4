package dev.periscope.metrics.ui;

/** How series are drawn. */
enum ChartKind {
    LINE("Line"), AREA("Area"), STACKED("Stacked");

    final String label;

    ChartKind(String label) {
        this.label = label;
    }
}
