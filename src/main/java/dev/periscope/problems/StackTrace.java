package dev.periscope.problems;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed stack trace: the exceptions in the order Periscope shows them, the exception thrown last first and its
 * causes after it (languages that print the root cause first are reordered).
 *
 * @param language {@code java}, {@code python}, {@code go}, {@code node} or {@code dotnet}
 * @param exceptions at least one
 * @param notes what could not be read: a cut trace, garbled lines (empty when everything parsed)
 */
public record StackTrace(String language, List<ThrownException> exceptions, List<String> notes) {

    public StackTrace {
        exceptions = List.copyOf(exceptions);
        notes = List.copyOf(notes);
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("a trace has at least one exception");
        }
    }

    /** The root cause: the innermost exception of the main chain. */
    public ThrownException rootCause() {
        ThrownException root = exceptions.getFirst();
        for (ThrownException e : exceptions) {
            if (e.nested() == 0) {
                root = e;
            }
        }
        return root;
    }

    /** The main chain, thrown last first, root cause last. */
    public List<ThrownException> mainChain() {
        return exceptions.stream().filter(e -> e.nested() == 0).toList();
    }

    StackTrace mapFrames(java.util.function.UnaryOperator<StackFrame> mapper) {
        List<ThrownException> mapped = new ArrayList<>(exceptions.size());
        for (ThrownException e : exceptions) {
            mapped.add(e.withFrames(e.frames().stream().map(mapper).toList()));
        }
        return new StackTrace(language, mapped, notes);
    }
}
