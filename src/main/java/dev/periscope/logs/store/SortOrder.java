package dev.periscope.logs.store;

/** Order of a page of events by (timestamp, id). */
public enum SortOrder {
    NEWEST_FIRST,
    OLDEST_FIRST
}
