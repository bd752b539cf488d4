package dev.periscope.logs.ingest;

import java.util.Map;

/**
 * One line after parsing, before it becomes an event.
 *
 * @param timestamp epoch milliseconds, or {@link #NO_TIME} when the line has none
 * @param service the service the line names, or empty
 * @param level normalised level, or empty
 * @param message the message
 * @param fields structured fields, flattened
 * @param unparsed true when no format recognised the line
 */
record ParsedLine(long timestamp, String service, String level, String message, Map<String, String> fields,
                  boolean unparsed) {

    static final long NO_TIME = Long.MIN_VALUE;

    static ParsedLine raw(String line) {
        return new ParsedLine(NO_TIME, "", "", line, Map.of(), true);
    }
}
