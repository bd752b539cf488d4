package dev.periscope.logs.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Reads the timestamps log lines start with, by hand: this runs for every line, and java.time's formatters cost more
 * than the rest of the parsing.
 */
final class Timestamps {

    private Timestamps() {
    }

    /** Result of {@link #parsePrefix}: the instant and where the timestamp ended. */
    record Prefix(long millis, int end) {
    }

    /**
     * Parses {@code yyyy-MM-dd[T ]HH:mm:ss[.,fraction][Z|±HH:MM|±HHMM|±HH]} at the start of {@code s}; without a zone
     * the time is UTC.
     */
    static Prefix parsePrefix(String s) {
        return parsePrefix(s, ZoneOffset.UTC);
    }

    /** As {@link #parsePrefix(String)}, with a time without a zone read in {@code zone}. */
    static Prefix parsePrefix(String s, ZoneId zone) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 60) {
            return null;
        }
        int i = 19;
        int millis = 0;
        if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            i++;
            int fractionDigits = 0;
            while (i < n && Character.isDigit(s.charAt(i))) {
                if (fractionDigits < 3) {
                    millis = millis * 10 + (s.charAt(i) - '0');
                }
                fractionDigits++;
                i++;
            }
            if (fractionDigits == 0) {
                return null;
            }
            for (int k = fractionDigits; k < 3; k++) {
                millis *= 10;
            }
        }
        int offsetSeconds = 0;
        // "10:00:00.123 +0100" (a space before the offset, as in PostgreSQL and Apache logs): the same offset.
        if (i < n && s.charAt(i) == ' ') {
            int end = offsetEnd(s, i + 1);
            if (end > 0 && (end == n || Character.isWhitespace(s.charAt(end)))
                    && (end - (i + 1) > 3 || !startsWords(s, end))) {
                i++;
            }
        }
        boolean zoned = true;
        if (i < n && s.charAt(i) == 'Z') {
            i++;
        } else {
            int end = offsetEnd(s, i);
            if (end > 0) {
                int minutes = end - i == 3 ? 0 : digits(s, end - 2, 2);
                offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (digits(s, i + 1, 2) * 3600 + minutes * 60);
                i = end;
            } else {
                zoned = false;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException e) {
            return null;
        }
        long localSecond = epochDay * 86_400 + hour * 3600L + minute * 60L + second;
        if (!zoned) {
            offsetSeconds = offsetAt(zone, localSecond);
        }
        return new Prefix((localSecond - offsetSeconds) * 1000 + millis, i);
    }

    /**
     * The offset of {@code zone} at a local time (seconds since 1970-01-01T00:00 on the zone's clock). In the hour a
     * clock is set back, the earlier offset; in the hour it skips, the offset before it.
     */
    private static int offsetAt(ZoneId zone, long localSecond) {
        if (zone == ZoneOffset.UTC) {
            return 0;
        }
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            return rules.getOffset(Instant.EPOCH).getTotalSeconds();
        }
        return rules.getOffset(LocalDateTime.ofEpochSecond(localSecond, 0, ZoneOffset.UTC)).getTotalSeconds();
    }

    /** A whole value: an ISO timestamp, or epoch seconds or milliseconds as a number. */
    static long parseValue(String value) {
        return parseValue(value, ZoneOffset.UTC);
    }

    /** As {@link #parseValue(String)}, with an ISO timestamp without a zone read in {@code zone}. */
    static long parseValue(String value, ZoneId zone) {
        Prefix prefix = parsePrefix(value, zone);
        if (prefix != null) {
            return prefix.millis();
        }
        if (!value.isEmpty() && value.length() <= 20) {
            try {
                double number = Double.parseDouble(value);
                if (!Double.isFinite(number) || number < 1e9) {
                    // Before September 2001 in seconds: a duration ("time": 0.035), not when the event happened.
                    return ParsedLine.NO_TIME;
                }
                // Seconds below 10^11 (the year 5138), milliseconds below 10^14, microseconds below 10^17, then
                // nanoseconds: each reads as a time between 2001 and 5138.
                if (number < 1e11) {
                    return (long) (number * 1000);
                }
                return number < 1e14 ? (long) number : number < 1e17 ? (long) (number / 1e3) : (long) (number / 1e6);
            } catch (NumberFormatException e) {
                return ParsedLine.NO_TIME;
            }
        }
        return ParsedLine.NO_TIME;
    }

    /**
     * Where a zone offset starting at {@code at} ends: {@code ±HH:MM}, {@code ±HHMM}, or {@code ±HH} (as PostgreSQL
     * and ISO 8601 allow) when no digit or colon follows; -1 when there is none.
     */
    /**
     * Whether text after a spaced hour-only offset reads as words ({@code 10:00:00 +10 items}): then the number is
     * the message's, not an offset. PostgreSQL's {@code +01 [123] LOG:} and a level after it still read as one.
     */
    private static boolean startsWords(String s, int end) {
        int next = end + 1;
        return next < s.length() && (Character.isLowerCase(s.charAt(next)) || Character.isDigit(s.charAt(next)));
    }

    private static int offsetEnd(String s, int at) {
        int n = s.length();
        if (at + 3 > n || (s.charAt(at) != '+' && s.charAt(at) != '-') || digits(s, at + 1, 2) < 0) {
            return -1;
        }
        if (at + 6 <= n && s.charAt(at + 3) == ':') {
            return digits(s, at + 4, 2) >= 0 ? at + 6 : -1;
        }
        if (at + 5 <= n && digits(s, at + 3, 2) >= 0) {
            return at + 5;
        }
        boolean hourOnly = at + 3 == n || !Character.isDigit(s.charAt(at + 3)) && s.charAt(at + 3) != ':';
        return hourOnly && digits(s, at + 1, 2) <= 18 ? at + 3 : -1; // no zone is further from UTC than 18 hours
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
