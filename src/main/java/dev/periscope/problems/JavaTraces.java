package dev.periscope.problems;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Java and other JVM traces as {@code Throwable.printStackTrace} and the logging frameworks print them: causes,
 * suppressed exceptions (indented), {@code ... N more}, and frames with class loader, module or jar.
 */
final class JavaTraces {

    /** {@code at [loader/][module[@version]/]function(source)[ ~[jar:version]]} */
    static final Pattern FRAME = Pattern.compile(
            "^\\s*at\\s+(?:(\\S*)/)?([^\\s(/]+)\\(([^()]*)\\)\\s*(?:~?\\[([^\\]]*)\\])?\\s*$");
    /**
     * A qualified type name. The package segments are matched possessively: a greedy group would recurse once per
     * segment and overflow the stack on a long {@code a.a.a...} line, and giving a segment back can never help, as what
     * follows the last dot is always the simple name.
     */
    private static final String TYPE = "(?:[a-zA-Z_$][\\w$]*+\\.)++[a-zA-Z_$][\\w$]*";
    private static final Pattern HEADER = Pattern.compile(
            "^(\\s*)(Caused by: |Suppressed: )?(?:Exception in thread \"[^\"]*\" )?(" + TYPE + ")(?::\\s?(.*))?$");
    private static final Pattern EMBEDDED = Pattern.compile(
            "(?:^|[\\s:\\[(])(" + TYPE + "(?:Exception|Error|Throwable|Failure))(?::\\s?(.*))?$");
    private static final Pattern MORE = Pattern.compile("^\\s*\\.\\.\\.\\s*(\\d+)\\s+(?:more|common frames omitted)\\s*$");

    private JavaTraces() {
    }

    /** True when the line is a JVM frame (and not a Node or .NET frame, which also start with "at"). */
    static boolean isFrame(String line) {
        Matcher m = FRAME.matcher(line);
        if (!m.matches()) {
            return false;
        }
        String source = m.group(3);
        return !source.isEmpty() && (!source.contains(" ") || source.equals("Native Method")
                || source.equals("Unknown Source"));
    }

    /**
     * Parses from the first frame (or, with {@code standalone}, from a header line without frames).
     *
     * @param standalone the text is known to be a trace (a JSON {@code stack_trace} field): a header alone counts
     */
    static Optional<StackTrace> parse(List<String> lines, boolean standalone) {
        int first = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (isFrame(lines.get(i))) {
                first = i;
                break;
            }
        }
        List<String> notes = new ArrayList<>();
        Builder current;
        int start;
        if (first < 0) {
            // A header without frames: a cut trace, or an exception logged without its stack.
            for (int i = standalone ? 0 : 1; i < lines.size(); i++) {
                Matcher h = HEADER.matcher(lines.get(i));
                if (h.matches() && looksLikeType(h.group(3))) {
                    current = new Builder(ThrownException.Relation.THROWN, 0, h.group(3), nz(h.group(4)));
                    List<ThrownException> done = new ArrayList<>();
                    notes.add("no frames");
                    walk(lines, i + 1, current, done, notes);
                    return Optional.of(new StackTrace("java", done, notes));
                }
            }
            return Optional.empty();
        }
        current = header(lines, first, notes);
        start = first;
        List<ThrownException> done = new ArrayList<>();
        walk(lines, start, current, done, notes);
        return Optional.of(new StackTrace("java", done, notes));
    }

    private static void walk(List<String> lines, int start, Builder first, List<ThrownException> done,
                             List<String> notes) {
        Builder current = first;
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher frame = FRAME.matcher(line);
            if (frame.matches() && isFrame(line)) {
                current.frames.add(frame(frame, line));
                continue;
            }
            Matcher more = MORE.matcher(line);
            if (more.matches()) {
                current.omitted += FrameLines.number(more.group(1));
                continue;
            }
            Matcher h = HEADER.matcher(line);
            if (h.matches() && h.group(2) != null) {
                done.add(current.build());
                boolean suppressed = h.group(2).startsWith("Suppressed");
                int indent = indentation(h.group(1));
                current = new Builder(suppressed ? ThrownException.Relation.SUPPRESSED
                        : ThrownException.Relation.CAUSED_BY, suppressed ? Math.max(1, indent) : indent,
                        h.group(3), nz(h.group(4)));
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            if (current.frames.isEmpty() && current.omitted == 0) {
                current.message.append('\n').append(line);
            } else {
                current.frames.add(StackFrame.unreadable(line));
                if (!notes.contains("unreadable lines")) {
                    notes.add("unreadable lines");
                }
            }
        }
        done.add(current.build());
    }

    private static Builder header(List<String> lines, int firstFrame, List<String> notes) {
        // The header is the nearest line above the first frame that starts with a type; lines between are a
        // multi-line message.
        for (int i = firstFrame - 1; i >= Math.max(0, firstFrame - 12); i--) {
            Matcher h = HEADER.matcher(lines.get(i));
            if (h.matches() && looksLikeType(h.group(3))) {
                Builder b = new Builder(ThrownException.Relation.THROWN, 0, h.group(3), nz(h.group(4)));
                for (int j = i + 1; j < firstFrame; j++) {
                    b.message.append('\n').append(lines.get(j));
                }
                return b;
            }
        }
        if (firstFrame > 0) {
            Matcher e = EMBEDDED.matcher(lines.get(firstFrame - 1));
            if (e.find()) {
                return new Builder(ThrownException.Relation.THROWN, 0, e.group(1), nz(e.group(2)));
            }
            notes.add("no exception type");
            return new Builder(ThrownException.Relation.THROWN, 0, "unknown", lines.get(firstFrame - 1).strip());
        }
        notes.add("cut before the exception type");
        return new Builder(ThrownException.Relation.THROWN, 0, "unknown", "");
    }

    /** Avoids taking {@code example.com: ...} or a version for a type: the simple name starts upper case. */
    private static boolean looksLikeType(String type) {
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return !simple.isEmpty() && Character.isUpperCase(simple.charAt(0));
    }

    private static StackFrame frame(Matcher m, String raw) {
        String module = m.group(1) == null ? "" : m.group(1).replaceAll("/+$", "");
        if (m.group(4) != null) {
            module = module.isEmpty() ? m.group(4) : module + " " + m.group(4);
        }
        String source = m.group(3);
        String file = source;
        int line = 0;
        int colon = source.lastIndexOf(':');
        if (colon > 0 && colon < source.length() - 1 && source.substring(colon + 1).chars().allMatch(Character::isDigit)
                && source.length() - colon < 10) {
            file = source.substring(0, colon);
            line = Integer.parseInt(source.substring(colon + 1));
        }
        return new StackFrame(m.group(2), file, line, module, raw.strip(), false);
    }

    private static int indentation(String whitespace) {
        int tabs = (int) whitespace.chars().filter(c -> c == '\t').count();
        return tabs > 0 ? tabs : whitespace.isEmpty() ? 0 : 1;
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    /** An exception under construction. */
    static final class Builder {
        final ThrownException.Relation relation;
        final int nested;
        final String type;
        final StringBuilder message;
        final List<StackFrame> frames = new ArrayList<>();
        int omitted;

        Builder(ThrownException.Relation relation, int nested, String type, String message) {
            this.relation = relation;
            this.nested = nested;
            this.type = type;
            this.message = new StringBuilder(message);
        }

        ThrownException build() {
            return new ThrownException(relation, nested, type, message.toString().strip(), frames, omitted);
        }
    }
}
