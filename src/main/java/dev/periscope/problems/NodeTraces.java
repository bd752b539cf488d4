package dev.periscope.problems;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Node.js and browser JavaScript ({@code error.stack}), with causes printed as {@code [cause]:} or "Caused by:". */
final class NodeTraces {

    private static final Pattern HEADER = Pattern.compile(
            "^\\s*(?:\\[cause\\]: |Caused by: )?(?:Uncaught )?([A-Za-z_$][\\w$.]*(?:Error|Exception)|Error)"
                    + "(?: \\[([\\w-]+)\\])?(?::\\s?(.*))?$");
    private static final Pattern CAUSE = Pattern.compile("^\\s*(?:\\[cause\\]: |Caused by: )");

    private NodeTraces() {
    }

    /** A Node frame: a space before the parenthesis, or a bare {@code file:line:column}. */
    static boolean isFrame(String line) {
        String s = clean(line);
        return FrameLines.nodeNamedForm(s) || FrameLines.nodeBareForm(s);
    }

    /** util.inspect opens the error's own properties after its last frame: {@code at f (file:1:2) {}. */
    private static String clean(String line) {
        String s = line.strip();
        return s.endsWith(" {") ? s.substring(0, s.length() - 2) : s;
    }

    static Optional<StackTrace> parse(List<String> lines) {
        int first = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (isFrame(lines.get(i))) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        JavaTraces.Builder current = null;
        for (int i = first - 1; i >= Math.max(0, first - 8) && current == null; i--) {
            Matcher h = HEADER.matcher(lines.get(i));
            if (h.matches()) {
                current = new JavaTraces.Builder(ThrownException.Relation.THROWN, 0, h.group(1),
                        JavaTraces.nz(h.group(3)));
                for (int j = i + 1; j < first; j++) {
                    current.message.append('\n').append(lines.get(j));
                }
            }
        }
        if (current == null) {
            notes.add("no exception type");
            current = new JavaTraces.Builder(ThrownException.Relation.THROWN, 0, "Error",
                    first > 0 ? lines.get(first - 1).strip() : "");
        }
        List<ThrownException> done = new ArrayList<>();
        for (int i = first; i < lines.size(); i++) {
            String line = clean(lines.get(i));
            FrameLines.NodeFrame f = isFrame(line) ? FrameLines.node(line) : null;
            if (f != null) {
                String function = f.function() != null ? f.function() : "<anonymous>";
                current.frames.add(new StackFrame(function, f.file(), f.line(), "", line.strip(), false));
                continue;
            }
            Matcher h = HEADER.matcher(line);
            if (CAUSE.matcher(line).find() && h.matches()) {
                done.add(current.build());
                current = new JavaTraces.Builder(ThrownException.Relation.CAUSED_BY, 0, h.group(1),
                        JavaTraces.nz(h.group(3)));
                continue;
            }
            String s = line.strip();
            if (s.isEmpty() || s.equals("}") || s.equals("{") || s.matches("\\.\\.\\. \\d+ lines matching cause stack trace \\.\\.\\.")
                    || s.matches("[\\w$]+: .*,?")) {
                continue; // util.inspect's property lines ({ code: 'ECONNRESET' }) and elisions
            }
            current.frames.add(StackFrame.unreadable(s));
            if (!notes.contains("unreadable lines")) {
                notes.add("unreadable lines");
            }
        }
        done.add(current.build());
        return Optional.of(new StackTrace("node", done, notes));
    }
}
