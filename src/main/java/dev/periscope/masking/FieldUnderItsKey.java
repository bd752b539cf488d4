package dev.periscope.masking;

import java.util.Map;

/**
 * A structured field's value written out as text under its key, with the names around it: what the content rules
 * that read a key see in a message. In text, {@code "holder":"Carlos Kim"} and {@code "name":"Lars García"} beside
 * {@code "email"} are masked by rules that match the key with the value ({@code person-name-role-key},
 * {@code person-name-plain-key} with its context words). A JSON event's field holds the value alone, and its key is
 * in the field's path: written out here as {@code object customer email phone name="Lars García"}, the same rules find
 * the same values, and only what they find inside the value is kept.
 *
 * <p>Read only for values that may be a name or a phrase under a key (a capital, a space, short): most fields are
 * ids, numbers and single words, which the value alone decides.
 */
final class FieldUnderItsKey {

    /** Longer values are sentences, which content rules read on their own. */
    static final int MAX_VALUE = 128;
    /** How much of the fields around the value is written before it, as a message gives its context words. */
    private static final int MAX_CONTEXT = 200;
    /** A sibling's value is written too when it is one lower-case word this short: "object": "customer". */
    private static final int MAX_CONTEXT_WORD = 24;

    /** The text, and where the value starts in it (it runs to one char before the end: the closing quote). */
    record Text(String text, int valueStart) {
    }

    private FieldUnderItsKey() {
    }

    /**
     * Whether the value may hold what only its key and the names around it say: words with a capital, not too
     * long; or a short number under a key called just {@code code}, a one-time code in an event about signing in
     * and an error code in others.
     */
    static boolean worthReading(String path, String value) {
        if (value.length() >= 4 && value.length() <= 9 && path.regionMatches(true, path.length() - 4, "code", 0, 4)
                && (path.length() == 4 || path.charAt(path.length() - 5) == '.')) {
            return isShortCode(value);
        }
        if (value.length() < 3 || value.length() > MAX_VALUE || value.indexOf(' ') < 0) {
            return false;
        }
        char first = value.charAt(0);
        return Character.isUpperCase(first) || first >= 128 && Character.isLetter(first);
    }

    /** Digits, with at most one dash between them: 856055, 875-597. */
    private static boolean isShortCode(String value) {
        int dashes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '-' && i > 0 && i < value.length() - 1) {
                dashes++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dashes <= 1;
    }

    /** The value of the field at {@code path} under its key, after the names of its parents and siblings. */
    static Text of(String path, String value, Map<String, String> fields) {
        int dot = path.lastIndexOf('.');
        String leaf = path.substring(dot + 1);
        String parent = dot < 0 ? "" : path.substring(0, dot + 1);
        StringBuilder text = new StringBuilder(MAX_CONTEXT + leaf.length() + value.length() + 8);
        // The parents' names first ("customer.name": the name of a customer), then the siblings'.
        for (String segment : parent.split("\\.")) {
            if (!segment.isEmpty() && !OtherKeys.isPlainNumber(segment)) {
                text.append(segment).append(' ');
            }
        }
        for (var field : fields.entrySet()) {
            if (text.length() >= MAX_CONTEXT) {
                break;
            }
            String sibling = field.getKey();
            if (sibling.equals(path) || !sibling.startsWith(parent) || sibling.indexOf('.', parent.length()) >= 0) {
                continue;
            }
            text.append(sibling, parent.length(), sibling.length()).append(' ');
            if (isContextWord(field.getValue())) {
                text.append(field.getValue()).append(' ');
            }
        }
        if (text.length() > MAX_CONTEXT) {
            text.setLength(MAX_CONTEXT);
        }
        text.append(' ').append(leaf).append("=\"");
        int valueStart = text.length();
        text.append(value).append('"');
        return new Text(text.toString(), valueStart);
    }

    /**
     * One word of lower case ("customer", "otp.sent", "sign-in") or of capitals ("PASSWORD_RESET"): an object's
     * kind or an event's name, never a person's name or free text.
     */
    private static boolean isContextWord(String value) {
        if (value.isEmpty() || value.length() > MAX_CONTEXT_WORD) {
            return false;
        }
        boolean lower = true;
        boolean upper = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean joiner = c == '_' || c == '.' || c == '-';
            lower &= c >= 'a' && c <= 'z' || joiner;
            upper &= c >= 'A' && c <= 'Z' || joiner;
        }
        return lower || upper;
    }
}
