package dev.periscope.logs;

import dev.periscope.masking.MaskedText;
import java.util.List;
import java.util.Optional;

/**
 * The most frequent values of a field among matching events, values masked (a top-values list would otherwise show
 * every email address in the index).
 *
 * @param field the field
 * @param values most frequent first
 * @param eventsWithField matching events that have the field
 * @param otherCount occurrences of the values not listed
 * @param partial why the counts may be incomplete (some of a cluster's shards failed or timed out); empty when
 *     complete
 */
public record LogTopValues(String field, List<Value> values, long eventsWithField, long otherCount,
                           Optional<String> partial) {

    public LogTopValues {
        values = List.copyOf(values);
    }

    /** Complete counts. */
    public LogTopValues(String field, List<Value> values, long eventsWithField, long otherCount) {
        this(field, values, eventsWithField, otherCount, Optional.empty());
    }

    public record Value(MaskedText value, long count) {
    }
}
