package dev.periscope.logs.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * One raw, unmasked log event as stores hold it. Raw: it must never reach a view, the REST API or an export; the log
 * service masks it into a {@code MaskedLogEvent} first, and an architecture test keeps {@code ui} and {@code api}
 * packages away from this package.
 *
 * @param id stable identifier: 16 lower-case hex digits, derived from the source and position so that reading the
 *     same bytes again gives the same id
 * @param timestamp epoch milliseconds, UTC
 * @param service the emitting service; never empty (the file name stands in when the event names none)
 * @param level upper-case level ({@code ERROR}, {@code WARN}...), empty when the line has none
 * @param message the message, with continuation lines (stack traces) joined by {@code \n}
 * @param fields structured fields, nested names flattened to dotted names, sorted by name
 * @param source the file (relative to the ingest directory) or stream the event came from
 * @param line one-based line number of the event's first line in the source, 0 when unknown
 * @param offset byte offset of the event's first line in the source
 * @param unparsed true when the line did not parse and {@code message} is the raw line
 */
public record LogEvent(String id, long timestamp, String service, String level, String message,
                       Map<String, String> fields, String source, long line, long offset, boolean unparsed) {

    public LogEvent {
        fields = fields.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    /** The position used for ordering and cursors. */
    public LogCursor cursor() {
        return new LogCursor(timestamp, id);
    }

    /** 64-bit id as the 16-digit hex string events carry. */
    public static String idOf(long bits) {
        String hex = Long.toHexString(bits);
        return "0".repeat(16 - hex.length()) + hex;
    }

    /** Whether a string is a well-formed event id. */
    public static boolean isId(String id) {
        if (id.length() != 16) {
            return false;
        }
        for (int i = 0; i < 16; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
