package dev.periscope.problems;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go panics and fatal errors with their goroutine dumps. The panicking goroutine (the first one printed) is the main
 * exception; every other goroutine is kept as a nested entry.
 */
final class GoTraces {

    static final Pattern PANIC = Pattern.compile("^(panic|fatal error): (.*?)(?: \\[recovered\\])?$");
    static final Pattern GOROUTINE = Pattern.compile("^goroutine (\\d+) \\[([^\\]]*)\\]:\\s*$");
    private static final Pattern LOCATION = Pattern.compile("^\\s+(\\S.*?):(\\d+)(?: \\+0x[0-9a-f]+)?\\s*$");
    private static final Pattern CREATED_BY = Pattern.compile("^created by (.*?)(?: in goroutine \\d+)?$");

    private GoTraces() {
    }

    /** The function of a frame line, without its argument words ({@code main.(*S).f(0xc000, {0x1, 0x2})}). */
    private static String function(String line) {
        Matcher created = CREATED_BY.matcher(line.strip());
        String f = created.matches() ? created.group(1) : line.strip();
        return f.replaceFirst("\\([^()]*\\)$", "");
    }

    static boolean matches(List<String> lines) {
        return lines.stream().anyMatch(l -> GOROUTINE.matcher(l).matches())
                || lines.stream().anyMatch(l -> PANIC.matcher(l).matches());
    }

    static Optional<StackTrace> parse(List<String> lines) {
        String type = "panic";
        String message = "";
        List<String> notes = new ArrayList<>();
        int i = 0;
        for (; i < lines.size(); i++) {
            Matcher p = PANIC.matcher(lines.get(i));
            if (p.matches()) {
                type = p.group(1);
                message = p.group(2);
                if (type.equals("panic") && message.startsWith("runtime error: ")) {
                    type = "runtime error";
                    message = message.substring("runtime error: ".length());
                }
                break;
            }
        }
        if (i == lines.size()) {
            notes.add("no panic line");
            i = 0;
        }
        List<ThrownException> exceptions = new ArrayList<>();
        JavaTraces.Builder current = null;
        String pendingFunction = null;
        String pendingRaw = null;
        for (; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher g = GOROUTINE.matcher(line);
            if (g.matches()) {
                if (current != null) {
                    exceptions.add(current.build());
                }
                current = exceptions.isEmpty()
                        ? new JavaTraces.Builder(ThrownException.Relation.THROWN, 0, type, message)
                        : new JavaTraces.Builder(ThrownException.Relation.GOROUTINE, 1, "goroutine " + g.group(1),
                                g.group(2));
                pendingFunction = null;
                continue;
            }
            if (current == null || line.isBlank()) {
                continue;
            }
            Matcher loc = LOCATION.matcher(line);
            if (loc.matches() && pendingFunction != null) {
                current.frames.add(new StackFrame(pendingFunction, loc.group(1), FrameLines.number(loc.group(2)), "",
                        pendingRaw + " " + line.strip(), false));
                pendingFunction = null;
                continue;
            }
            if (pendingFunction != null) {
                current.frames.add(new StackFrame(pendingFunction, "", 0, "", pendingRaw, false));
                pendingFunction = null;
            }
            if (!Character.isWhitespace(line.charAt(0)) && !line.startsWith("exit status")) {
                pendingFunction = function(line);
                pendingRaw = line.strip();
            } else if (!line.startsWith("exit status")) {
                current.frames.add(StackFrame.unreadable(line.strip()));
                if (!notes.contains("unreadable lines")) {
                    notes.add("unreadable lines");
                }
            }
        }
        if (current == null) {
            current = new JavaTraces.Builder(ThrownException.Relation.THROWN, 0, type, message);
            notes.add("no goroutines");
        } else if (pendingFunction != null) {
            current.frames.add(new StackFrame(pendingFunction, "", 0, "", pendingRaw, false));
            notes.add("cut after a function line");
        }
        exceptions.add(current.build());
        return Optional.of(new StackTrace("go", exceptions, notes));
    }
}
