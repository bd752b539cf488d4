package dev.periscope.logs.store.elasticsearch;

import dev.periscope.logs.query.QueryControl;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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

    /**
     * A view older than this is not handed out again, however often it is used: it is shared by every reader paging
     * the same query, and later pages would read an ever older index (events arrived since, indices rolled over).
     */
    private static final long MAX_AGE_MILLIS = 5 * 60_000;

    private record Open(String id, long opened, long lastUsed) {

        boolean usable(long now) {
            return now - lastUsed < KEEP_ALIVE_MILLIS && now - opened < MAX_AGE_MILLIS;
        }
    }

    private final ElasticsearchConnection connection;
    private final String indexPattern;
    private final LinkedHashMap<String, Open> open = new LinkedHashMap<>(16, 0.75f, true);

    PointsInTime(ElasticsearchConnection connection, String indexPattern) {
        this.connection = connection;
        this.indexPattern = indexPattern;
    }

    /**
     * A query's point in time as one page reads it. Every search answers with the id to use next, which the cluster
     * may change (shards moved, a node restarted): later requests of the page and later pages use the newest.
     */
    final class Use {
        private final String key;
        private volatile String id;

        private Use(String key, String id) {
            this.key = key;
            this.id = id;
        }

        String id() {
            return id;
        }

        /** Takes the id a search answered with (none when the cluster sent none). */
        void returned(@Nullable String newest) {
            if (newest != null && !newest.equals(id)) {
                renew(key, id, newest);
                id = newest;
            }
        }

        /** Closes it if it is still the query's (another page may have put a newer one). */
        void forget() {
            PointsInTime.this.forget(key, id);
        }
    }

    /** The point in time of a query's paging, opened on first use; empty when none can be opened. */
    Optional<Use> forPaging(String key, QueryControl control) {
        return idForPaging(key, control).map(id -> new Use(key, id));
    }

    private Optional<String> idForPaging(String key, QueryControl control) {
        long now = System.currentTimeMillis();
        synchronized (this) {
            Open existing = open.get(key);
            if (existing != null && existing.usable(now)) {
                open.put(key, new Open(existing.id(), existing.opened(), now));
                return Optional.of(existing.id());
            }
        }
        try {
            String id = connection.call(control, () -> connection.client().openPointInTime(o -> o
                    .index(indexPattern).keepAlive(k -> k.time(KEEP_ALIVE)).ignoreUnavailable(true))).id();
            Open raced;
            synchronized (this) {
                raced = open.get(key);
                if (raced == null || !raced.usable(now)) {
                    // One replaced for its age is not closed: a page may still be reading it, and its keep-alive
                    // ends it.
                    open.put(key, new Open(id, now, now));
                    evict(now);
                    return Optional.of(id);
                }
            }
            // Another page of the same query opened one meanwhile: share it, and close this one before going on
            // (outside the lock), so that a burst of pages leaves one open, not one per page until they expire.
            closeQuietly(id).join();
            return Optional.of(raced.id());
        } catch (RuntimeException e) {
            // Paging still works without a point in time: the cursor alone is a search_after key.
            return Optional.empty();
        }
    }

    /** The same point in time under the id the cluster last answered with, unless the query has another meanwhile. */
    private synchronized void renew(String key, String used, String newest) {
        Open current = open.get(key);
        if (current != null && current.id().equals(used)) {
            open.put(key, new Open(newest, current.opened(), current.lastUsed()));
        }
    }

    /** Closes the query's point in time if it is still this one (another page may have put a newer one). */
    private synchronized void forget(String key, String id) {
        Open current = open.get(key);
        if (current != null && current.id().equals(id)) {
            open.remove(key);
            closeQuietly(id);
        }
    }

    private void evict(long now) {
        Iterator<Map.Entry<String, Open>> entries = open.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<String, Open> entry = entries.next();
            if (open.size() > MAX_OPEN || !entry.getValue().usable(now)) {
                entries.remove();
                closeQuietly(entry.getValue().id());
            }
        }
    }

    private java.util.concurrent.CompletableFuture<?> closeQuietly(String id) {
        // Failures are dropped: an unclosed point in time expires by itself after its keep-alive.
        return connection.client().closePointInTime(c -> c.id(id)).exceptionally(e -> null);
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
