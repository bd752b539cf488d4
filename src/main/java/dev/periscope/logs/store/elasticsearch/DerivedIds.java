package dev.periscope.logs.store.elasticsearch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the documents shown with a derived id live. A derived id is a hash of a document's index and id, so it cannot
 * be searched for; a link to such an event (its context, a shared URL) finds the document through this memory of the
 * ids recently shown. Bounded: an id shown long ago, or by a portal since restarted, is not found, and the link says
 * the event is gone rather than showing another.
 */
final class DerivedIds {

    record Location(String index, String documentId) {
    }

    private final int capacity;
    private final LinkedHashMap<String, Location> recent;

    DerivedIds(int capacity) {
        this.capacity = capacity;
        this.recent = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Location> eldest) {
                return size() > DerivedIds.this.capacity;
            }
        };
    }

    synchronized void remember(String id, String index, String documentId) {
        if (index != null && documentId != null) {
            recent.put(id, new Location(index, documentId));
        }
    }

    synchronized Optional<Location> find(String id) {
        return Optional.ofNullable(recent.get(id));
    }
}
