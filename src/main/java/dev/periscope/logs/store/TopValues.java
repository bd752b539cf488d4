package dev.periscope.logs.store;

import java.util.List;
import java.util.Optional;

/**
 * The most frequent values of one field among the matching events. Values are raw: the service masks them.
 *
 * @param field canonical field name
 * @param values most frequent first; ties by value
 * @param eventsWithField matching events that have the field
 * @param otherCount occurrences of values not in the list
 * @param partial why the counts may be incomplete (a cluster's shards failed or timed out); empty when complete
 */
public record TopValues(String field, List<ValueCount> values, long eventsWithField, long otherCount,
                        Optional<String> partial) {

    public TopValues {
        values = List.copyOf(values);
    }

    /** Complete counts. */
    public TopValues(String field, List<ValueCount> values, long eventsWithField, long otherCount) {
        this(field, values, eventsWithField, otherCount, Optional.empty());
    }

    public record ValueCount(String value, long count) {
    }
}
