package dev.periscope.problems;

import java.util.List;

/**
 * One exception (or panic, or goroutine) of a trace.
 *
 * @param relation how it relates to the one before it in the trace
 * @param nested 0 for the main chain; 1 or more for suppressed exceptions, other goroutines and their causes
 * @param type the exception type as printed ({@code java.lang.IllegalStateException}, {@code ValueError})
 * @param message the message, possibly several lines, empty when none
 * @param frames innermost first
 * @param omitted frames the runtime left out ({@code ... 42 more}), shared with the enclosing exception
 */
public record ThrownException(Relation relation, int nested, String type, String message, List<StackFrame> frames,
                              int omitted) {

    public ThrownException {
        frames = List.copyOf(frames);
    }

    public enum Relation {
        /** The exception thrown last, as the trace starts. */
        THROWN("Thrown"),
        /** Its cause ({@code Caused by:}, Python's "direct cause", .NET's inner exception). */
        CAUSED_BY("Caused by"),
        /** Raised while handling the previous one (Python's implicit context). */
        DURING_HANDLING("During handling of"),
        /** Java's {@code Suppressed:}. */
        SUPPRESSED("Suppressed"),
        /** Another goroutine of a Go panic dump. */
        GOROUTINE("Goroutine");

        private final String label;

        Relation(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    ThrownException withFrames(List<StackFrame> replaced) {
        return new ThrownException(relation, nested, type, message, replaced, omitted);
    }
}
