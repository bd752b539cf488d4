package dev.periscope.masking;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Refuses patterns that could backtrack catastrophically, before they are compiled into the rule set.
 *
 * <p>The check is deliberately stricter than needed: every quantifier must have an upper bound (no {@code *},
 * {@code +} or {@code {n,}}), no backreferences, and a bound may not exceed {@link #MAX_BOUND}. With bounded
 * quantifiers the work per start position is bounded by the pattern, and the engine bounds the text a pattern
 * runs over, so a 1 MiB event costs a bounded time.
 */
final class PatternSafety {

    static final int MAX_BOUND = 20_000;

    private PatternSafety() {
    }

    /** Returns why the pattern is refused, or empty when it is acceptable. */
    static Optional<String> check(String regex) {
        boolean inClass = false;
        Deque<Integer> groups = new ArrayDeque<>();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 < regex.length()) {
                    char n = regex.charAt(i + 1);
                    if (!inClass && (Character.isDigit(n) && n != '0' || n == 'k')) {
                        return Optional.of("backreferences are not allowed (offset " + i + ")");
                    }
                    if (n == 'Q') {
                        int end = regex.indexOf("\\E", i + 2);
                        i = end < 0 ? regex.length() : end + 1;
                        continue;
                    }
                }
                i++;
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
                        i++;
                    }
                    if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                        i++;
                    }
                }
                case '(' -> groups.push(i);
                case ')' -> {
                    if (!groups.isEmpty()) {
                        groups.pop();
                    }
                }
                case '*', '+' -> {
                    char prev = i > 0 ? regex.charAt(i - 1) : ' ';
                    boolean possessive = c == '+' && (prev == '}' || prev == '?');
                    if (!possessive) {
                        return Optional.of("unbounded quantifier '" + c + "' at offset " + i
                                + ": use a bounded one such as {1,256}");
                    }
                }
                case '{' -> {
                    int close = regex.indexOf('}', i);
                    if (close < 0) {
                        break;
                    }
                    String body = regex.substring(i + 1, close);
                    if (body.matches("\\d+,")) {
                        return Optional.of("unbounded quantifier {" + body + "} at offset " + i);
                    }
                    if (body.matches("\\d+(,\\d+)?")) {
                        String[] parts = body.split(",");
                        int max = Integer.parseInt(parts[parts.length - 1]);
                        if (max > MAX_BOUND) {
                            return Optional.of("quantifier bound " + max + " exceeds " + MAX_BOUND);
                        }
                    }
                    i = close;
                }
                default -> {
                }
            }
        }
        return Optional.empty();
    }
}
