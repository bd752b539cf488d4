package dev.periscope.access;

import java.time.Duration;

/** Durations as people read them: "2 h", "1 h 30 min", "15 min". */
public final class Durations {

    private Durations() {
    }

    public static String human(Duration d) {
        return d.toHours() > 0 ? d.toHours() + " h" + (d.toMinutesPart() > 0 ? " " + d.toMinutesPart() + " min" : "")
                : d.toMinutes() + " min";
    }
}
