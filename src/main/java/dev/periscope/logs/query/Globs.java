package dev.periscope.logs.query;

/** Glob matching for configuration patterns ({@code *} any characters, {@code ?} one character). */
public final class Globs {

    private Globs() {
    }

    public static boolean matches(String glob, String text) {
        return matches(glob, 0, text, 0);
    }

    public static boolean hasWildcard(String glob) {
        return glob.indexOf('*') >= 0 || glob.indexOf('?') >= 0;
    }

    private static boolean matches(String glob, int g, String text, int t) {
        // Iterative with one backtrack point: linear for the short patterns used in configuration.
        int starG = -1;
        int starT = -1;
        while (t < text.length()) {
            if (g < glob.length() && (glob.charAt(g) == '?' || glob.charAt(g) == text.charAt(t))) {
                g++;
                t++;
            } else if (g < glob.length() && glob.charAt(g) == '*') {
                starG = g++;
                starT = t;
            } else if (starG >= 0) {
                g = starG + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (g < glob.length() && glob.charAt(g) == '*') {
            g++;
        }
        return g == glob.length();
    }
}
