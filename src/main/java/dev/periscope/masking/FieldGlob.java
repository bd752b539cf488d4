package dev.periscope.masking;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A glob over dotted field names, case-insensitive: {@code *} matches within one path segment, {@code **} across
 * segments. {@code **.password} matches {@code password}, {@code db.password} and {@code a.b.password}.
 */
record FieldGlob(String glob, Pattern compiled) {

    static FieldGlob of(String glob) {
        return new FieldGlob(glob, Pattern.compile(regex(glob.toLowerCase(Locale.ROOT), JAVA)));
    }

    /** How a regular expression dialect spells the parts of a glob. */
    record Syntax(String anyPathThenDot, String anyPath, String anyInSegment, String oneInSegment,
            java.util.function.Function<Character, String> literal) {
    }

    static final Syntax JAVA = new Syntax("(?:.*\\.)?", ".*", "[^.]*", "[^.]",
            c -> Pattern.quote(String.valueOf(c)));

    /** A glob as a regular expression of {@code syntax}: the one reading of globs, whatever engine runs it. */
    static String regex(String glob, Syntax syntax) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                i++;
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '.') {
                    // "**." also matches no segment at all, so "**.password" matches a top-level "password".
                    i++;
                    re.append(syntax.anyPathThenDot());
                } else {
                    re.append(syntax.anyPath());
                }
            } else if (c == '*') {
                re.append(syntax.anyInSegment());
            } else if (c == '?') {
                re.append(syntax.oneInSegment());
            } else {
                re.append(syntax.literal().apply(c));
            }
        }
        return re.toString();
    }

    boolean matches(String fieldName) {
        return compiled.matcher(fieldName.toLowerCase(Locale.ROOT)).matches();
    }
}
