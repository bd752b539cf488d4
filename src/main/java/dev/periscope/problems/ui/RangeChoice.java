package dev.periscope.problems.ui;

import java.util.List;

/**
 * A time range as the URL carries it, with the same {@code from}/{@code to} expressions as the Logs view, so a range
 * chosen in one view opens the same in the other.
 */
record RangeChoice(String from, String to, String label) {

    static final List<RangeChoice> PRESETS = List.of(
            new RangeChoice("now-1h", "now", "Last hour"),
            new RangeChoice("now-4h", "now", "Last 4 hours"),
            new RangeChoice("now-24h", "now", "Last 24 hours"),
            new RangeChoice("now-7d", "now", "Last 7 days"));

    /** Four hours: long enough to show a trend, short enough that "new" means new today. */
    static final RangeChoice DEFAULT = PRESETS.get(1);

    static RangeChoice of(String from, String to) {
        return PRESETS.stream().filter(p -> p.from.equals(from) && p.to.equals(to)).findFirst()
                .orElse(new RangeChoice(from, to, "Custom"));
    }
}
