package dev.periscope.problems;

import java.time.Instant;
import java.util.Optional;

/**
 * Which problems to list.
 *
 * @param from start of the time range, inclusive
 * @param to end of the time range, exclusive
 * @param service only problems seen in this service, when present
 * @param text a log query (Lucene syntax) the problems' events must also match; blank for all
 * @param sort the order of the list
 */
public record ProblemQuery(Instant from, Instant to, Optional<String> service, String text, Sort sort) {

    public ProblemQuery {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends before it starts");
        }
        text = text.strip();
        service = service.map(String::strip).filter(s -> !s.isEmpty());
    }

    public enum Sort {
        /** Most events first. */
        FREQUENT,
        /** Most recently first seen first. */
        NEWEST,
        /** Sharpest recent rise first: the last quarter of the range against the rest. */
        SPIKING
    }
}
