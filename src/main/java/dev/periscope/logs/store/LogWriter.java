package dev.periscope.logs.store;

import java.util.List;
import java.util.Optional;

/**
 * The write side of a log store, used by ingest. Events become durable only with {@link #commit}, which stores the
 * ingest's checkpoint in the same atomic step: after a crash the store and the checkpoint agree, so ingest resumes
 * without losing or repeating events.
 */
public interface LogWriter {

    /** Adds events; visible to searches after the next refresh, durable after the next commit. */
    void add(List<LogEvent> events);

    /** Makes everything added so far durable, together with the reader's checkpoint. */
    void commit(String checkpoint);

    /** The checkpoint of the last commit; empty for a new store. */
    Optional<String> committedCheckpoint();

    /** Makes added events visible to searches now (tests, and the end of a bulk load). */
    void refresh();

    /**
     * Whether adding an event with the id of one added before replaces it. Ingest then recovers from a refused batch
     * by reading again from its last commit (nothing lost, nothing twice); otherwise a refused batch stops ingest
     * until a restart, which resumes from the last commit.
     */
    default boolean replacesById() {
        return false;
    }
}
