package dev.periscope.masking;

import java.util.regex.Pattern;

/**
 * A glob over dotted field names: {@code *} matches within one path segment, {@code **} across segments.
 * {@code **.password} matches {@code password}, {@code db.password} and {@code a.b.password}.
 *
 * <p>Names and globs are compared lower-cased as written, and in one spelling, {@link #snake}: lower case, words joined
 * by {@code _}. Java,
 * JavaScript, .NET and Go write {@code customerName}, environments {@code CUSTOMER_NAME}, headers
 * {@code Customer-Name}; a rule written {@code **.customer_name} matches them all, and {@code **.*_pass} still does not
 * match {@code bypass}.
 */
record FieldGlob(String glob, Pattern compiled, Pattern asWritten, boolean excluded) {

    /**
     * A glob, or with a leading {@code !} an exclusion: the rule does not apply to a name it matches, whatever else
     * matches ({@code !**.server.address} keeps OpenTelemetry's host name out of {@code **.address}).
     */
    static FieldGlob of(String written) {
        boolean excluded = written.startsWith("!");
        String glob = excluded ? written.substring(1) : written;
        return new FieldGlob(glob, Pattern.compile(regex(snake(glob), JAVA)),
                Pattern.compile(regex(glob.toLowerCase(java.util.Locale.ROOT), JAVA)), excluded);
    }

    /**
     * A name in snake case: {@code -} becomes {@code _}, an upper-case letter after a lower-case letter or a digit
     * starts a word ({@code customerName}: {@code customer_name}), and so does the last capital of a run before a
     * lower-case letter ({@code APIKey}: {@code api_key}). {@link FieldKeyFilter} spells keys the same way, character
     * by character.
     */
    static String snake(String name) {
        StringBuilder out = null;
        int n = name.length();
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            boolean boundary = wordStartsAt(name, 0, n, i);
            char lower = c == '-' ? '_' : Character.toLowerCase(c);
            if (out == null && (boundary || lower != c)) {
                out = new StringBuilder(n + 4).append(name, 0, i);
            }
            if (out != null) {
                if (boundary) {
                    out.append('_');
                }
                out.append(lower);
            }
        }
        return out == null ? name : out.toString();
    }

    /** Whether a new word starts at {@code i} of the name {@code s[start, end)} without a separator before it. */
    static boolean wordStartsAt(CharSequence s, int start, int end, int i) {
        if (i <= start || !isUpper(s.charAt(i))) {
            return false;
        }
        char before = s.charAt(i - 1);
        return isLower(before) || before >= '0' && before <= '9'
                || isUpper(before) && i + 1 < end && isLower(s.charAt(i + 1));
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
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

    /**
     * Whether the name matches, lower-cased as written ({@code passPhrase} is {@code passphrase}, {@code APIkey} is
     * {@code apikey}) or in snake case ({@code customerName} is {@code customer_name}).
     */
    boolean matches(String fieldName) {
        return asWritten.matcher(fieldName.toLowerCase(java.util.Locale.ROOT)).matches()
                || compiled.matcher(snake(fieldName)).matches();
    }
}
