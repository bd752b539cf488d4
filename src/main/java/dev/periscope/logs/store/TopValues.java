package dev.periscope.logs.store;

import java.util.List;

/**
 * The most frequent values of one field among the matching events. Values are raw: the service masks them.
 *
 * @param field canonical field name
 * @param values most frequent first; ties by value
 * @param eventsWithField matching events that have the field
 * @param otherCount occurrences of values not in the list
 */
public record TopValues(String field, List<ValueCount> values, long eventsWithField, long otherCount) {

    public TopValues {
        values = List.copyOf(values);
    }

    public record ValueCount(String value, long count) {
    }
}
