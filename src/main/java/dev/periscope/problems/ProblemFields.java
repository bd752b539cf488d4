package dev.periscope.problems;

/**
 * The fields ingest adds to events that carry a stack trace. Ordinary structured fields, so grouping is a top-values
 * aggregation on any store.
 */
public final class ProblemFields {

    /** The fingerprint; events with the same value are one problem. */
    public static final String FINGERPRINT = "problem.fingerprint";
    /** The algorithm version that made the fingerprint. */
    public static final String VERSION = "problem.fingerprint_version";
    /** The root cause's exception type. */
    public static final String TYPE = "problem.type";
    /** The language of the trace. */
    public static final String LANGUAGE = "problem.language";

    private ProblemFields() {
    }
}
