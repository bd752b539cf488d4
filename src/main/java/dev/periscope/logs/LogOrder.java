package dev.periscope.logs;

/** Order of search results. */
public enum LogOrder {
    NEWEST_FIRST,
    OLDEST_FIRST
}
