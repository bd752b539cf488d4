package dev.periscope.masking;

import java.util.BitSet;
import java.util.regex.Pattern;

/**
 * Rewrites a rule's character classes of ASCII ranges ({@code [A-Za-z0-9_-]}) as the list of their characters, for
 * the pattern the engine runs.
 *
 * <p>Why: {@code java.util.regex} compiles each range of a class to its own predicate and joins them with nested
 * lambdas, so {@code [A-Za-z0-9_-]} costs four calls per character; single characters below 256 go into one bit
 * table, one load per character. Patterns spend most of their time in such classes. The rewritten class holds exactly
 * the same characters; a class the rewrite does not fully understand (nesting, intersections, properties, negated
 * escapes, non-ASCII) is left as written, and so is every pattern whose flags or inline flags change what a class or
 * a space means.
 */
final class FlatClasses {

    private static final int UNSAFE_FLAGS = Pattern.COMMENTS | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS
            | Pattern.LITERAL | Pattern.CANON_EQ;

    private FlatClasses() {
    }

    /** The pattern with its ASCII classes flattened, or the same pattern when nothing can be flattened safely. */
    static Pattern of(Pattern pattern) {
        String flat = flatten(pattern.pattern(), pattern.flags());
        return flat.equals(pattern.pattern()) ? pattern : Pattern.compile(flat, pattern.flags());
    }

    static String flatten(String regex, int flags) {
        if ((flags & UNSAFE_FLAGS) != 0 || hasUnsafeInlineFlags(regex)) {
            return regex;
        }
        StringBuilder out = new StringBuilder(regex.length() * 2);
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                int end = escapeEnd(regex, i);
                out.append(regex, i, end);
                i = end;
            } else if (c == '[') {
                int end = classEnd(regex, i);
                if (end < 0) {
                    return regex;
                }
                BitSet chars = members(regex, i, end);
                if (chars == null) {
                    out.append(regex, i, end);
                } else {
                    out.append('[');
                    if (regex.charAt(i + 1) == '^') {
                        out.append('^');
                    }
                    for (int ch = chars.nextSetBit(0); ch >= 0; ch = chars.nextSetBit(ch + 1)) {
                        out.append("\\x").append(Character.forDigit(ch >> 4, 16))
                                .append(Character.forDigit(ch & 15, 16));
                    }
                    out.append(']');
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Inline flags that change classes or spaces: {@code (?x)}, {@code (?u)}, {@code (?U)}. */
    private static boolean hasUnsafeInlineFlags(String regex) {
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i = escapeEnd(regex, i); // "\\(" is a backslash and a group, "\(" a parenthesis
                continue;
            }
            if (c == '(' && i + 1 < regex.length() && regex.charAt(i + 1) == '?') {
                for (int j = i + 2; j < regex.length(); j++) {
                    char f = regex.charAt(j);
                    if (f == 'x' || f == 'u' || f == 'U') {
                        return true;
                    }
                    if (!(Character.isLetter(f) || f == '-')) {
                        break;
                    }
                }
            }
            i++;
        }
        return false;
    }

    /** The end of the escape at {@code i}: {@code \Q...\E} as a whole, else the backslash and one character. */
    private static int escapeEnd(String regex, int i) {
        if (i + 1 < regex.length() && regex.charAt(i + 1) == 'Q') {
            int e = regex.indexOf("\\E", i + 2);
            return e < 0 ? regex.length() : e + 2;
        }
        return Math.min(regex.length(), i + 2);
    }

    /** The index after the class opening at {@code start}, or -1 when it has no plain end (nesting, quoting). */
    private static int classEnd(String regex, int start) {
        int i = start + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            return -1; // a leading ']' is read differently by different engines; not worth guessing
        }
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 < regex.length() && regex.charAt(i + 1) == 'Q') {
                    return -1;
                }
                i += 2;
            } else if (c == '[') {
                return -1;
            } else if (c == ']') {
                return i + 1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** The characters of the class {@code regex[start, end)} when it holds ASCII only and nothing unusual, or null. */
    private static BitSet members(String regex, int start, int end) {
        int i = start + 1;
        if (regex.charAt(i) == '^') {
            i++;
        }
        int last = end - 1; // the closing ']'
        BitSet set = new BitSet(128);
        int previous = -1; // the last single character read, which a '-' may turn into a range
        boolean anyRange = false;
        while (i < last) {
            char c = regex.charAt(i);
            if (c == '&' && i + 1 < last && regex.charAt(i + 1) == '&') {
                return null;
            }
            if (c == '-' && previous >= 0 && i + 1 < last) {
                int[] next = single(regex, i + 1);
                if (next == null || next[0] < previous) {
                    return null;
                }
                set.set(previous, next[0] + 1);
                anyRange = true;
                previous = -1;
                i = next[1];
                continue;
            }
            if (c == '-' && !(i == start + 1 || i == start + 2 && regex.charAt(start + 1) == '^' || i + 1 == last)) {
                return null; // a '-' that neither opens, closes nor joins: left to the regex engine's own reading
            }
            if (c == '\\' && i + 1 < last) {
                int[] shorthand = shorthand(regex.charAt(i + 1));
                if (shorthand != null) {
                    for (int k = 0; k + 1 < shorthand.length; k += 2) {
                        set.set(shorthand[k], shorthand[k + 1] + 1);
                    }
                    anyRange = true;
                    previous = -1;
                    i += 2;
                    if (i < last && regex.charAt(i) == '-' && i + 1 < last) {
                        return null;
                    }
                    continue;
                }
            }
            int[] one = single(regex, i);
            if (one == null) {
                return null;
            }
            set.set(one[0]);
            previous = one[0];
            i = one[1];
        }
        return anyRange ? set : null;
    }

    /** {@code \d}, {@code \w}, {@code \s} (ASCII meanings, as without UNICODE_CHARACTER_CLASS) as ranges, or null. */
    private static int[] shorthand(char c) {
        return switch (c) {
            case 'd' -> new int[] {'0', '9'};
            case 'w' -> new int[] {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
            case 's' -> new int[] {'\t', '\r', ' ', ' '}; // [ \t\n\x0B\f\r]
            default -> null;
        };
    }

    /** The ASCII character written at {@code i} and the index after it, or null when it is not one plain character. */
    private static int[] single(String regex, int i) {
        char c = regex.charAt(i);
        if (c == '[' || c == ']') {
            return null;
        }
        if (c != '\\') {
            return c < 128 ? new int[] {c, i + 1} : null;
        }
        if (i + 1 >= regex.length()) {
            return null;
        }
        char e = regex.charAt(i + 1);
        int value = switch (e) {
            case 't' -> '\t';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 'f' -> '\f';
            case 'a' -> 7;
            case 'e' -> 27;
            default -> !Character.isLetterOrDigit(e) && e < 128 ? e : -1;
        };
        if (value >= 0) {
            return new int[] {value, i + 2};
        }
        if (e == 'x' && i + 3 < regex.length() && hex(regex.charAt(i + 2)) >= 0 && hex(regex.charAt(i + 3)) >= 0) {
            int v = hex(regex.charAt(i + 2)) * 16 + hex(regex.charAt(i + 3));
            return v < 128 ? new int[] {v, i + 4} : null;
        }
        return null;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
