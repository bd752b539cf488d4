package dev.periscope.auditor.ui;

import dev.periscope.base.TimeFormats;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Times as the auditor reads them: always UTC, to the second, in the portal's one format ({@link TimeFormats}). */
final class Formats {

    static final ZoneId ZONE = ZoneOffset.UTC;

    private Formats() {
    }

    /** A time shown on its own, zone named: {@code 2026-11-25 14:03:07 UTC}. */
    static String time(Instant instant) {
        return TimeFormats.dateTimeWithZone(instant, ZONE);
    }

    /** A time in a grid cell, whose header names the zone ({@link #header}). */
    static String cell(Instant instant) {
        return TimeFormats.dateTime(instant, ZONE);
    }

    static String header(String title) {
        return TimeFormats.header(title, ZONE);
    }
}
