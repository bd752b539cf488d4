package dev.periscope.problems;

import java.time.Duration;
import java.util.List;

/**
 * The problems of a time range.
 *
 * @param problems in the requested order
 * @param bucket width of every trend bucket
 * @param more true when more groups exist than are listed
 */
public record ProblemList(List<Problem> problems, Duration bucket, boolean more) {

    public ProblemList {
        problems = List.copyOf(problems);
    }
}
