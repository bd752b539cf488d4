package dev.periscope.masking;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A glob over dotted field names, case-insensitive: {@code *} matches within one path segment, {@code **} across
 * segments. {@code **.password} matches {@code password}, {@code db.password} and {@code a.b.password}.
 */
record FieldGlob(String glob, Pattern compiled) {

    static FieldGlob of(String glob) {
        String g = glob.toLowerCase(Locale.ROOT);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                i++;
                if (i + 1 < g.length() && g.charAt(i + 1) == '.') {
                    // "**." also matches no segment at all, so "**.password" matches a top-level "password".
                    i++;
                    re.append("(?:.*\\.)?");
                } else {
                    re.append(".*");
                }
            } else if (c == '*') {
                re.append("[^.]*");
            } else if (c == '?') {
                re.append("[^.]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new FieldGlob(glob, Pattern.compile(re.toString()));
    }

    boolean matches(String fieldName) {
        return compiled.matcher(fieldName.toLowerCase(Locale.ROOT)).matches();
    }
}
