package dev.periscope.logs;

import dev.periscope.masking.MaskedText;
import java.util.List;

/**
 * The most frequent values of a field among matching events, values masked (a top-values list would otherwise show
 * every email address in the index).
 *
 * @param field the field
 * @param values most frequent first
 * @param eventsWithField matching events that have the field
 * @param otherCount occurrences of the values not listed
 */
public record LogTopValues(String field, List<Value> values, long eventsWithField, long otherCount) {

    public LogTopValues {
        values = List.copyOf(values);
    }

    public record Value(MaskedText value, long count) {
    }
}
