package dev.periscope.problems;

import org.jspecify.annotations.Nullable;

/**
 * Reads .NET and Node.js frame lines by hand, in one pass. Their regular expressions (lazy groups before and inside
 * parentheses) backtracked over every pair or triple of parentheses, so one crafted 4,000-character line took a
 * tenth of a second and a thousand of them stalled ingest for minutes. These readers accept what those expressions
 * accepted and split it the same way.
 */
final class FrameLines {

    private FrameLines() {
    }

    /** {@code at Method(parameters)} with optional {@code in file:line N}; {@code file} is null without it. */
    record DotNetFrame(String method, String parameters, @Nullable String file, int line) {
    }

    /** {@code at function (location)} or {@code at location}; {@code function} is null for the second form. */
    record NodeFrame(@Nullable String function, String file, int line) {
    }

    /** A .NET frame line, or null. The method runs to the first parenthesis, the parameters to a closing one. */
    static @Nullable DotNetFrame dotNet(String line) {
        String s = line.strip();
        if (!s.startsWith("at ")) {
            return null;
        }
        int open = s.indexOf('(', 4); // the method name holds at least one character
        if (open < 0) {
            return null;
        }
        // " in FILE:line N" may close the line; FILE holds at least one character.
        int lineMarker = s.lastIndexOf(":line ");
        int lineNumber = lineMarker < 0 ? -1 : digitsToEnd(s, lineMarker + ":line ".length());
        for (int close = s.indexOf(')', open + 1); close >= 0; close = s.indexOf(')', close + 1)) {
            if (close == s.length() - 1) {
                return new DotNetFrame(s.substring(3, open), s.substring(open + 1, close), null, 0);
            }
            if (lineNumber >= 0 && s.startsWith(" in ", close + 1) && lineMarker > close + " in ".length() + 1) {
                return new DotNetFrame(s.substring(3, open), s.substring(open + 1, close),
                        s.substring(close + " in ".length() + 1, lineMarker), lineNumber);
            }
        }
        return null;
    }

    /**
     * A Node frame, from a line already stripped. The named form runs to the first {@code " ("}; a location loses a
     * trailing {@code :line} or {@code :line:column}.
     */
    static @Nullable NodeFrame node(String s) {
        if (!s.startsWith("at ")) {
            return null;
        }
        int start = 3;
        if (s.startsWith("async ", start)) {
            start += "async ".length();
        } else if (s.startsWith("new ", start)) {
            start += "new ".length();
        }
        int open = s.indexOf(" (", start + 1);
        if (open >= 0 && s.endsWith(")") && open + 2 < s.length() - 1) {
            return location(s.substring(start, open), s.substring(open + 2, s.length() - 1));
        }
        return start < s.length() ? location(null, s.substring(start)) : null;
    }

    /** Whether a stripped line is {@code at X (Y)} with X and Y not empty. */
    static boolean nodeNamedForm(String s) {
        int open = s.indexOf(" (", 4);
        return s.startsWith("at ") && open >= 0 && s.endsWith(")") && open + 2 < s.length() - 1;
    }

    /** Whether a stripped line is {@code at [async ]file:line:column} without spaces. */
    static boolean nodeBareForm(String s) {
        if (!s.startsWith("at ")) {
            return false;
        }
        int start = s.startsWith("async ", 3) ? 9 : 3;
        for (int i = start; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        int column = s.lastIndexOf(':');
        int line = column <= start ? -1 : s.lastIndexOf(':', column - 1);
        return line > start && digitsBetween(s, line + 1, column) && digitsToEnd(s, column + 1) >= 0;
    }

    private static NodeFrame location(@Nullable String function, String location) {
        int last = location.lastIndexOf(':');
        if (last > 0 && digitsToEnd(location, last + 1) >= 0) {
            int before = location.lastIndexOf(':', last - 1);
            if (before > 0 && digitsBetween(location, before + 1, last)) {
                return new NodeFrame(function, location.substring(0, before), number(location, before + 1, last));
            }
            return new NodeFrame(function, location.substring(0, last), number(location, last + 1, location.length()));
        }
        return new NodeFrame(function, location, 0);
    }

    /** The number made of the digits from {@code from} to the end, or -1 when there are none or other characters. */
    private static int digitsToEnd(String s, int from) {
        return digitsBetween(s, from, s.length()) ? number(s, from, s.length()) : -1;
    }

    private static boolean digitsBetween(String s, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** A line number matched as digits; one beyond an int is kept as 0 (unknown) rather than failing the trace. */
    static int number(String digits) {
        return number(digits, 0, digits.length());
    }

    /** Line numbers beyond an int are kept as 0 (unknown) rather than failing the whole trace. */
    private static int number(String s, int from, int to) {
        try {
            return Integer.parseInt(s, from, to, 10);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
