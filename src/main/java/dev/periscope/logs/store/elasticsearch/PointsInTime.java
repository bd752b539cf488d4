package dev.periscope.logs.store.elasticsearch;

import dev.periscope.logs.query.QueryControl;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Points in time for paging. Cursors stay plain (timestamp, id) so that they also work on the embedded store and
 * after a point in time has expired; a point in time only makes the pages of one query read the same view of the
 * index while the user pages on. The first next-page request of a query opens one, later pages of the same query
 * reuse it, and the least recently used are closed when more than {@link #MAX_OPEN} are open.
 */
final class PointsInTime implements AutoCloseable {

    static final String KEEP_ALIVE = "2m";
    private static final long KEEP_ALIVE_MILLIS = 110_000;
    private static final int MAX_OPEN = 64;

    private record Open(String id, long lastUsed) {
    }

    private final ElasticsearchConnection connection;
    private final String indexPattern;
    private final LinkedHashMap<String, Open> open = new LinkedHashMap<>(16, 0.75f, true);

    PointsInTime(ElasticsearchConnection connection, String indexPattern) {
        this.connection = connection;
        this.indexPattern = indexPattern;
    }

    /** The point in time of a query's paging, opened on first use; empty when none can be opened. */
    Optional<String> forPaging(String key, QueryControl control) {
        long now = System.currentTimeMillis();
        synchronized (this) {
            Open existing = open.get(key);
            if (existing != null && now - existing.lastUsed() < KEEP_ALIVE_MILLIS) {
                open.put(key, new Open(existing.id(), now));
                return Optional.of(existing.id());
            }
        }
        try {
            String id = connection.call(control, () -> connection.client().openPointInTime(o -> o
                    .index(indexPattern).keepAlive(k -> k.time(KEEP_ALIVE)).ignoreUnavailable(true))).id();
            synchronized (this) {
                Open raced = open.get(key);
                if (raced != null && now - raced.lastUsed() < KEEP_ALIVE_MILLIS) {
                    // Another page of the same query opened one meanwhile: share it, close this one.
                    closeQuietly(id);
                    return Optional.of(raced.id());
                }
                open.put(key, new Open(id, now));
                evict(now);
            }
            return Optional.of(id);
        } catch (RuntimeException e) {
            // Paging still works without a point in time: the cursor alone is a search_after key.
            return Optional.empty();
        }
    }

    synchronized void forget(String key) {
        Open gone = open.remove(key);
        if (gone != null) {
            closeQuietly(gone.id());
        }
    }

    private void evict(long now) {
        Iterator<Map.Entry<String, Open>> entries = open.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Open> entry = entries.next();
            if (open.size() > MAX_OPEN || now - entry.getValue().lastUsed() >= KEEP_ALIVE_MILLIS) {
                entries.remove();
                closeQuietly(entry.getValue().id());
            }
        }
    }

    private void closeQuietly(String id) {
        // Fire and forget: an unclosed point in time expires by itself after its keep-alive.
        connection.client().closePointInTime(c -> c.id(id)).exceptionally(e -> null);
    }

    /** Whether a failure means the point in time has expired (or its node restarted). */
    static boolean expired(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof co.elastic.clients.elasticsearch._types.ElasticsearchException es) {
                return es.status() == 404 || es.error().type().contains("search_context_missing");
            }
        }
        return false;
    }

    @Override
    public synchronized void close() {
        open.values().forEach(o -> closeQuietly(o.id()));
        open.clear();
    }
}
