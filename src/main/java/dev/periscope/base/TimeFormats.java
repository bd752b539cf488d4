package dev.periscope.base;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Times as every view shows them: ISO-like ({@code 2026-11-25 14:03:07}), to the second, or to the millisecond where
 * the order of log events depends on it. A time standing alone names its zone; a grid column names the zone once, in
 * its header ({@link #header}), so the cells stay narrow. Durations read in days, hours and minutes
 * ({@link #duration}), the same wherever they are shown: on a page, in a notification or in an error message.
 */
public final class TimeFormats {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final long MINUTES_PER_DAY = 24 * 60;

    private TimeFormats() {
    }

    /** {@code 2026-11-25 14:03:07}, for a cell under a header that names the zone. */
    public static String dateTime(Instant instant, ZoneId zone) {
        return SECONDS.format(instant.atZone(zone));
    }

    /** {@code 2026-11-25 14:03:07.125}, for log events, under a header that names the zone. */
    public static String dateTimeMillis(Instant instant, ZoneId zone) {
        return MILLIS.format(instant.atZone(zone));
    }

    /** {@code 2026-11-25 14:03:07 UTC}: a time shown on its own. */
    public static String dateTimeWithZone(Instant instant, ZoneId zone) {
        return dateTime(instant, zone) + " " + zoneName(zone);
    }

    /** {@code 2026-11-25 14:03:07.125 Europe/Berlin}: a log event's time shown on its own. */
    public static String dateTimeMillisWithZone(Instant instant, ZoneId zone) {
        return dateTimeMillis(instant, zone) + " " + zoneName(zone);
    }

    /**
     * {@code 2026-11-25 14:03:07 UTC}: a time on its own in a view that shows UTC (Audit, Problems, Access), whose
     * times must read the same for every reader and match the ranges of the links they follow.
     */
    public static String utc(Instant instant) {
        return dateTimeWithZone(instant, ZoneOffset.UTC);
    }

    /** {@code 2026-11-25 14:03:07}: a UTC time in a grid cell under {@link #utcHeader}. */
    public static String utcCell(Instant instant) {
        return dateTime(instant, ZoneOffset.UTC);
    }

    /** {@code Time (UTC)}. */
    public static String utcHeader(String title) {
        return header(title, ZoneOffset.UTC);
    }

    /** A column header that says which zone its times are in: {@code Time (UTC)}. */
    public static String header(String title, ZoneId zone) {
        return title + " (" + zoneName(zone) + ")";
    }

    /** "UTC" for UTC however it is spelled, else the zone's region id ({@code Europe/Berlin}). */
    public static String zoneName(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /**
     * {@code 59 min}, {@code 1 h 5 min}, {@code 1 day 12 h}, {@code 30 days}: a duration in whole days, hours and
     * minutes, without the parts that are zero. The same words serve a grant's few minutes and a policy's month, so
     * a limit reads alike on the Access page, in a refusal and on the Ingest page. A partial minute counts as a whole
     * one, so the time a grant has left never reads "0 min" while it lasts, and a one-hour grant reads "1 h" (not
     * "59 min") in the seconds after it starts. Elapsed times that should not round up are truncated to the minute by
     * the caller. Negative durations read as {@code 0 min}.
     */
    public static String duration(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return "0 min";
        }
        long minutes = duration.plusMinutes(1).minusNanos(1).toMinutes();
        long days = minutes / MINUTES_PER_DAY;
        long hours = minutes % MINUTES_PER_DAY / 60;
        long rest = minutes % 60;
        List<String> parts = new ArrayList<>(3);
        if (days > 0) {
            parts.add(days == 1 ? "1 day" : days + " days");
        }
        if (hours > 0) {
            parts.add(hours + " h");
        }
        if (rest > 0) {
            parts.add(rest + " min");
        }
        return String.join(" ", parts);
    }

    /** The zone the browser reported, when it reported one Java knows. */
    public static Optional<ZoneId> zone(@Nullable String browserZoneId) {
        try {
            return browserZoneId == null || browserZoneId.isBlank() ? Optional.empty()
                    : Optional.of(ZoneId.of(browserZoneId));
        } catch (DateTimeException unknown) {
            return Optional.empty();
        }
    }
}
