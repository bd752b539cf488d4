package dev.periscope.metrics;

import dev.periscope.masking.MaskedText;
import java.util.List;
import java.util.Optional;

/**
 * The masked answer to a PromQL query.
 *
 * @param type what the query evaluated to
 * @param series the series of a vector or matrix result
 * @param scalar the value of a scalar result
 * @param string the value of a string result
 * @param warnings the backend's warnings, masked
 * @param withheld how many label values were replaced by a placeholder because masking failed
 */
public record MaskedQueryResult(ResultType type, List<MaskedSeries> series, Optional<Point> scalar,
                                Optional<MaskedText> string, List<MaskedText> warnings, long withheld) {

    public enum ResultType { VECTOR, MATRIX, SCALAR, STRING }

    public MaskedQueryResult {
        series = List.copyOf(series);
        warnings = List.copyOf(warnings);
    }
}
