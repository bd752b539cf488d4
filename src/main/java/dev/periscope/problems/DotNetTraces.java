package dev.periscope.problems;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * .NET exceptions as {@code Exception.ToString()} prints them: the chain on the first line joined by {@code --->},
 * then the innermost exception's frames, each inner section closed by "--- End of inner exception stack trace ---".
 */
final class DotNetTraces {

    /**
     * Namespace segments match possessively: a greedy group would recurse once per segment and overflow the stack on
     * a long {@code a.a.a...} line, and giving a segment back can never help, as only {@code :} or the end may follow
     * the type.
     */
    private static final Pattern HEADER = Pattern.compile(
            "^(?:Unhandled exception\\. )?((?:[A-Za-z_][\\w`]*+\\.)++[A-Za-z_][\\w`]*)(?::\\s?(.*))?$");
    /**
     * The start of a header that follows a log prefix: the first qualified type name ending in Exception or Error.
     * Here a segment may have to be given back ({@code System.FooException. More text}), so the group stays greedy and
     * is only searched for within {@link #EMBEDDED_HEADER_REACH} characters, which bounds its recursion.
     */
    private static final Pattern EMBEDDED_HEADER = Pattern.compile(
            "(?:[A-Za-z_][\\w`]*\\.)+[A-Za-z_][\\w`]*(?:Exception|Error)\\b");
    private static final int EMBEDDED_HEADER_REACH = 1_000;
    private static final String END_INNER = "--- End of inner exception stack trace ---";

    private DotNetTraces() {
    }

    /** A .NET frame: parameters with types and names, empty parentheses, or {@code in file:line N}. */
    static boolean isFrame(String line) {
        FrameLines.DotNetFrame f = FrameLines.dotNet(line);
        return f != null && !line.contains(" (") && (f.file() != null || f.parameters().isEmpty()
                || f.parameters().contains(" "));
    }

    static boolean matches(List<String> lines) {
        return lines.stream().anyMatch(l -> l.contains(" ---> ") || l.contains(END_INNER) || isFrame(l));
    }

    static Optional<StackTrace> parse(List<String> lines) {
        int first = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (isFrame(lines.get(i)) || lines.get(i).strip().equals(END_INNER)) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return Optional.empty();
        }
        List<String> notes = new ArrayList<>();
        List<JavaTraces.Builder> chain = new ArrayList<>();
        for (int i = first - 1; i >= Math.max(0, first - 8) && chain.isEmpty(); i--) {
            String candidate = lines.get(i).strip();
            int at = candidate.indexOf(": ");
            Matcher h = HEADER.matcher(candidate);
            Matcher start = EMBEDDED_HEADER.matcher(candidate)
                    .region(0, Math.min(candidate.length(), EMBEDDED_HEADER_REACH)).useTransparentBounds(true);
            String header = h.matches() ? candidate : start.find() ? candidate.substring(start.start()) : null;
            if (header == null || at < 0 && !h.matches()) {
                continue;
            }
            for (String part : header.split(" ---> ")) {
                Matcher p = HEADER.matcher(part.strip());
                String type = p.matches() ? p.group(1) : "unknown";
                String message = p.matches() ? JavaTraces.nz(p.group(2)) : part.strip();
                chain.add(new JavaTraces.Builder(chain.isEmpty() ? ThrownException.Relation.THROWN
                        : ThrownException.Relation.CAUSED_BY, 0, type, message));
            }
        }
        if (chain.isEmpty()) {
            notes.add("no exception type");
            chain.add(new JavaTraces.Builder(ThrownException.Relation.THROWN, 0, "unknown", ""));
        }
        int target = chain.size() - 1;
        for (int i = first; i < lines.size(); i++) {
            String line = lines.get(i);
            String s = line.strip();
            if (s.equals(END_INNER)) {
                target = Math.max(0, target - 1);
                continue;
            }
            if (s.isEmpty() || s.startsWith("--- End of stack trace from previous location")) {
                continue;
            }
            FrameLines.DotNetFrame f = FrameLines.dotNet(line);
            if (f != null) {
                chain.get(target).frames.add(new StackFrame(f.method(), JavaTraces.nz(f.file()), f.line(), "", s,
                        false));
            } else {
                chain.get(target).frames.add(StackFrame.unreadable(s));
                if (!notes.contains("unreadable lines")) {
                    notes.add("unreadable lines");
                }
            }
        }
        return Optional.of(new StackTrace("dotnet", Arrays.asList(chain.stream().map(JavaTraces.Builder::build)
                .toArray(ThrownException[]::new)), notes));
    }
}
