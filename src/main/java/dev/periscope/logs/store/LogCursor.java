package dev.periscope.logs.store;

import java.util.Optional;

/**
 * A position in the total order of events: timestamp, then id. Ids are fixed-width hex, so comparing them as text
 * and as unsigned numbers agree, and every store can use the pair as its sort key ({@code search_after} in
 * Elasticsearch, a {@code FieldDoc} in Lucene).
 */
public record LogCursor(long timestamp, String id) implements Comparable<LogCursor> {

    public LogCursor {
        if (!LogEvent.isId(id)) {
            throw new IllegalArgumentException("not an event id");
        }
    }

    /** Opaque text for URLs and API responses. */
    public String encode() {
        return Long.toString(timestamp, 36) + "-" + id;
    }

    /** The cursor in an encoded text, or empty when the text is not one. */
    public static Optional<LogCursor> decode(String text) {
        int dash = text.lastIndexOf('-');
        if (dash <= 0 || dash == text.length() - 1) {
            return Optional.empty();
        }
        try {
            long timestamp = Long.parseLong(text.substring(0, dash), 36);
            String id = text.substring(dash + 1);
            return LogEvent.isId(id) ? Optional.of(new LogCursor(timestamp, id)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(LogCursor o) {
        int byTime = Long.compare(timestamp, o.timestamp);
        return byTime != 0 ? byTime : id.compareTo(o.id);
    }
}
