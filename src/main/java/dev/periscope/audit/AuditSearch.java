package dev.periscope.audit;

import java.util.List;
import java.util.Optional;

/**
 * Search over the audit records, for the auditor's workspace. Backed by an index that is derived from the chain and
 * can be rebuilt from it at any time; the chain stays the source of truth.
 */
public interface AuditSearch {

    /** Records matching the query, newest first. */
    Page search(AuditQuery query);

    /** One record in full, by its id. */
    Optional<AuditEvent> find(String id);

    /** Drops the index and reads the whole chain again; returns how many records were indexed. */
    long rebuild();

    /**
     * One page of results.
     *
     * @param events the records of this page
     * @param totalHits how many records match in all
     */
    record Page(List<AuditEvent> events, long totalHits) {
        public Page {
            events = List.copyOf(events);
        }
    }
}
