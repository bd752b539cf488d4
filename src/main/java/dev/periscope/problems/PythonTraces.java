package dev.periscope.problems;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python tracebacks, including chains ("The above exception was the direct cause..." and "During handling of the
 * above exception..."). Python prints the root cause first and frames outermost first; both are reversed here so
 * that every language reads the same way.
 */
final class PythonTraces {

    static final String START = "Traceback (most recent call last):";
    private static final Pattern FRAME = Pattern.compile("^\\s*File \"([^\"]*)\", line (\\d+)(?:, in (.+))?\\s*$");
    private static final Pattern EXCEPTION = Pattern.compile("^([A-Za-z_][\\w.]*)(?::\\s?(.*))?$");
    private static final String CAUSE = "The above exception was the direct cause of the following exception:";
    private static final String CONTEXT = "During handling of the above exception, another exception occurred:";

    private PythonTraces() {
    }

    static Optional<StackTrace> parse(List<String> lines) {
        int i = 0;
        while (i < lines.size() && !lines.get(i).strip().endsWith(START)) {
            i++;
        }
        if (i == lines.size()) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        List<JavaTraces.Builder> printed = new ArrayList<>();
        List<ThrownException.Relation> links = new ArrayList<>();
        JavaTraces.Builder block = null;
        List<StackFrame> frames = new ArrayList<>();
        boolean inMessage = false;
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.strip();
            if (stripped.endsWith(START)) {
                frames = new ArrayList<>();
                block = null;
                inMessage = false;
                continue;
            }
            if (stripped.equals(CAUSE) || stripped.equals(CONTEXT)) {
                if (block == null) {
                    printed.add(closed(frames, notes));
                }
                links.add(stripped.equals(CAUSE) ? ThrownException.Relation.CAUSED_BY
                        : ThrownException.Relation.DURING_HANDLING);
                block = null;
                frames = new ArrayList<>();
                inMessage = false;
                continue;
            }
            Matcher frame = FRAME.matcher(line);
            if (block == null && frame.matches()) {
                frames.add(new StackFrame(JavaTraces.nz(frame.group(3)).strip(), frame.group(1),
                        FrameLines.number(frame.group(2)), "", stripped, false));
                continue;
            }
            if (block == null && !line.isEmpty() && Character.isWhitespace(line.charAt(0))) {
                continue; // source line or ^^^^ markers under a frame
            }
            if (block == null) {
                if (stripped.isEmpty()) {
                    continue;
                }
                Matcher e = EXCEPTION.matcher(stripped);
                String type = e.matches() ? e.group(1) : "unknown";
                String message = e.matches() ? JavaTraces.nz(e.group(2)) : stripped;
                block = new JavaTraces.Builder(ThrownException.Relation.THROWN, 0, type, message);
                block.frames.addAll(frames.reversed());
                printed.add(block);
                inMessage = true;
                continue;
            }
            if (inMessage && !stripped.isEmpty()) {
                block.message.append('\n').append(line);
            } else if (stripped.isEmpty()) {
                inMessage = false;
            }
        }
        if (block == null) {
            printed.add(closed(frames, notes));
        }
        List<ThrownException> exceptions = new ArrayList<>();
        for (int b = printed.size() - 1; b >= 0; b--) {
            ThrownException built = printed.get(b).build();
            ThrownException.Relation relation = b == printed.size() - 1 ? ThrownException.Relation.THROWN
                    : b < links.size() ? links.get(b) : ThrownException.Relation.CAUSED_BY;
            exceptions.add(new ThrownException(relation, 0, built.type(), built.message(), built.frames(), 0));
        }
        return Optional.of(new StackTrace("python", exceptions, notes));
    }

    /** A block whose exception line never came: the trace was cut. */
    private static JavaTraces.Builder closed(List<StackFrame> frames, List<String> notes) {
        notes.add("cut before the exception line");
        JavaTraces.Builder b = new JavaTraces.Builder(ThrownException.Relation.THROWN, 0, "unknown", "");
        b.frames.addAll(frames.reversed());
        return b;
    }
}
