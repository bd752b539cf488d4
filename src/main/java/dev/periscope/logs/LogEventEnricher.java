package dev.periscope.logs;

import java.util.Map;

/**
 * Adds structured fields to every event at ingest, before it is written: other modules derive what they need once
 * (stack-trace fingerprints, for example) and then read it back with ordinary field queries and aggregations, on
 * every store.
 *
 * <p>Called on the ingest thread for every event, so it must be quick and must not block. It sees raw event text;
 * what it returns is stored with the event and passes the masking engine like any other field when read.
 */
@FunctionalInterface
public interface LogEventEnricher {

    /** Adds nothing. */
    LogEventEnricher NONE = (service, message, fields) -> Map.of();

    /**
     * Fields to add to one event; names already present in {@code fields} are not overwritten.
     *
     * @param service the emitting service
     * @param message the message, continuation lines joined by {@code \n}
     * @param fields the event's own structured fields, flattened to dotted names
     * @return the fields to add, possibly empty
     */
    Map<String, String> enrich(String service, String message, Map<String, String> fields);
}
