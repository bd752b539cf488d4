package dev.periscope.logs.ingest;

import java.time.LocalDate;

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
     * Parses {@code yyyy-MM-dd[T ]HH:mm:ss[.,fraction][Z|±HH:MM|±HHMM]} at the start of {@code s}; without a zone the
     * time is UTC.
     */
    static Prefix parsePrefix(String s) {
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
        if (i + 6 <= n && s.charAt(i) == ' ' && (s.charAt(i + 1) == '+' || s.charAt(i + 1) == '-')
                && digits(s, i + 2, 2) >= 0) {
            boolean colon = s.charAt(i + 4) == ':';
            int end = colon ? i + 7 : i + 6;
            if (end <= n && digits(s, colon ? i + 5 : i + 4, 2) >= 0
                    && (end == n || Character.isWhitespace(s.charAt(end)))) {
                i++;
            }
        }
        if (i < n && s.charAt(i) == 'Z') {
            i++;
        } else if (i + 5 <= n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            int sign = s.charAt(i) == '-' ? -1 : 1;
            int oh = digits(s, i + 1, 2);
            int om;
            int end;
            if (i + 6 <= n && s.charAt(i + 3) == ':') {
                om = digits(s, i + 4, 2);
                end = i + 6;
            } else {
                om = digits(s, i + 3, 2);
                end = i + 5;
            }
            if (oh >= 0 && om >= 0) {
                offsetSeconds = sign * (oh * 3600 + om * 60);
                i = end;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException e) {
            return null;
        }
        long epochSecond = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return new Prefix(epochSecond * 1000 + millis, i);
    }

    /** A whole value: an ISO timestamp, or epoch seconds or milliseconds as a number. */
    static long parseValue(String value) {
        Prefix prefix = parsePrefix(value);
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
