package dev.periscope.problems;

import java.util.List;

/**
 * The identity of a problem.
 *
 * @param value 16 lower-case hex digits
 * @param version the algorithm that made it; groups of different versions are never merged
 * @param type the root cause's exception type
 * @param basis what went into it (type, then frames or message), for tests and for explaining a grouping
 */
public record Fingerprint(String value, String version, String type, List<String> basis) {

    public Fingerprint {
        basis = List.copyOf(basis);
    }
}
