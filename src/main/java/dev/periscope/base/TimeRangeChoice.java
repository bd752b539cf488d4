package dev.periscope.base;

import java.time.Instant;
import java.util.List;

/**
 * A time range as the user chose it: a relative preset ("Last 15 minutes", moving with now) or an absolute range.
 * Deep links carry the expressions, so a link to "last hour" stays relative for whoever opens it. Logs and metrics
 * offer the same choices.
 */
public record TimeRangeChoice(String from, String to, String label) {

    public static final List<TimeRangeChoice> PRESETS = List.of(
            new TimeRangeChoice("now-15m", "now", "Last 15 minutes"),
            new TimeRangeChoice("now-1h", "now", "Last hour"),
            new TimeRangeChoice("now-4h", "now", "Last 4 hours"),
            new TimeRangeChoice("now-24h", "now", "Last 24 hours"),
            new TimeRangeChoice("now-7d", "now", "Last 7 days"));

    public static final TimeRangeChoice DEFAULT = PRESETS.get(1);

    public static TimeRangeChoice absolute(Instant from, Instant to) {
        return new TimeRangeChoice(from.toString(), to.toString(), "Custom");
    }

    public static TimeRangeChoice of(String from, String to) {
        return PRESETS.stream().filter(p -> p.from.equals(from) && p.to.equals(to)).findFirst()
                .orElse(new TimeRangeChoice(from, to, "Custom"));
    }

    public boolean relative() {
        return from.startsWith("now");
    }
}
