package dev.periscope.problems;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and parses stack traces in log events: in multi-line messages, and in the JSON fields where structured
 * loggers put them. Recognises Java/JVM, Python, Go, Node.js and .NET; a cut or garbled trace parses as far as it
 * can, with the unreadable lines kept as unreadable frames.
 */
public final class StackTraces {

    /** Fields that hold a trace in common structured log layouts, in order of preference. */
    static final List<String> TRACE_FIELDS = List.of("stack_trace", "exception", "error.stack", "error.stack_trace",
            "exception.stacktrace", "stacktrace");

    /** Longer traces are read up to here; the rest adds nothing to grouping or to what a reader can take in. */
    private static final int MAX_LINES = 1_000;

    private StackTraces() {
    }

    /** The trace of an event, from a trace field if it has one, else from its message. */
    public static Optional<StackTrace> find(String message, Map<String, String> fields) {
        for (String field : TRACE_FIELDS) {
            String value = fields.get(field);
            if (value != null && !value.isBlank()) {
                Optional<StackTrace> trace = parse(value, true);
                if (trace.isPresent()) {
                    return trace;
                }
            }
        }
        if (message.indexOf('\n') < 0) {
            return Optional.empty(); // one line holds no trace, and most events are one line: keep ingest fast
        }
        return parse(message, false);
    }

    /**
     * Parses a text that may hold a trace.
     *
     * @param standalone the whole text is meant to be a trace, so an exception header without frames counts
     */
    public static Optional<StackTrace> parse(String text, boolean standalone) {
        List<String> lines = text.lines().limit(MAX_LINES).toList();
        if (lines.stream().anyMatch(l -> l.strip().endsWith(PythonTraces.START))) {
            return PythonTraces.parse(lines);
        }
        if (GoTraces.matches(lines)) {
            return GoTraces.parse(lines);
        }
        int java = 0;
        int node = 0;
        int dotnet = 0;
        for (String line : lines) {
            if (JavaTraces.isFrame(line)) {
                java++;
            } else if (NodeTraces.isFrame(line)) {
                node++;
            } else if (DotNetTraces.isFrame(line)) {
                dotnet++;
            }
        }
        if (dotnet > 0 && dotnet >= java && dotnet >= node
                || java == 0 && node == 0 && lines.stream().anyMatch(l -> l.contains(" ---> "))) {
            Optional<StackTrace> parsed = DotNetTraces.parse(lines);
            if (parsed.isPresent()) {
                return parsed;
            }
        }
        if (node > java) {
            return NodeTraces.parse(lines);
        }
        return JavaTraces.parse(lines, standalone);
    }
}
