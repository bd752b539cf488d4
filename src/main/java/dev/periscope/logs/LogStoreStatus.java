package dev.periscope.logs;

import java.time.Duration;

/**
 * The embedded store's size and retention, for the admin page. Counts only, no event content.
 *
 * @param events live events in the index
 * @param sizeBytes bytes on disk, deleted events not yet merged away included
 * @param retentionMaxAge events older than this are deleted
 * @param retentionMaxBytes the index is kept below this size; zero means no size limit
 * @param retentionDeleted events deleted by retention since start
 * @param maxFieldNames how many structured field names are indexed at most
 * @param eventsWithFieldsUnindexed events stored since start with fields over that limit, unindexed
 */
public record LogStoreStatus(long events, long sizeBytes, Duration retentionMaxAge, long retentionMaxBytes,
                             long retentionDeleted, int maxFieldNames, long eventsWithFieldsUnindexed) {
}
