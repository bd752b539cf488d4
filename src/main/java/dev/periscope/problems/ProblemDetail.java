package dev.periscope.problems;

import dev.periscope.logs.LogHistogram;
import dev.periscope.logs.LogTopValues;
import dev.periscope.logs.MaskedLogEvent;
import java.util.List;
import java.util.Optional;

/**
 * One problem in depth.
 *
 * @param problem the summary, as in the list
 * @param trace the newest sample's trace, parsed from its masked text (so messages and frame arguments are masked),
 *     frames marked in-app; empty when the sample's trace could no longer be read
 * @param occurrences events over time
 * @param samples the newest events, masked, for links to their log context
 * @param services every service affected, with counts
 */
public record ProblemDetail(Problem problem, Optional<StackTrace> trace, LogHistogram occurrences,
                            List<MaskedLogEvent> samples, List<LogTopValues.Value> services) {

    public ProblemDetail {
        samples = List.copyOf(samples);
        services = List.copyOf(services);
    }
}
