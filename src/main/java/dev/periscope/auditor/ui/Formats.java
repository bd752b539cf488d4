package dev.periscope.auditor.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the auditor reads them: always UTC, to the second. */
final class Formats {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }
}
