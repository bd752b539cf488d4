package dev.periscope.logs.ingest;

import java.nio.charset.StandardCharsets;

/** Byte and text helpers for ingest's hot path. */
final class Text {

    static final String CUT_MARKER = " [... line cut: longer than the ingest limit]";
    private static final char REPLACEMENT = '\uFFFD';

    private Text() {
    }

    /**
     * Decodes UTF-8, replacing invalid sequences and control characters (other than tab) with U+FFFD, so binary
     * garbage becomes visible replacement characters instead of breaking the line, the index or the browser.
     */
    static String decode(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                return replaceControls(text);
            }
        }
        return text;
    }

    private static String replaceControls(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                chars[i] = REPLACEMENT;
            }
        }
        return new String(chars);
    }

    /**
     * The largest length not above {@code max} that does not split a UTF-8 sequence. A sequence has at most three
     * continuation bytes, so the cut moves back at most three: further back, the bytes are no UTF-8 (binary), and
     * stepping over them would keep nothing of a line of them.
     */
    static int utf8Boundary(byte[] bytes, int offset, int max) {
        for (int end = max; end > 0 && end >= max - 3; end--) {
            if ((bytes[offset + end] & 0xC0) != 0x80) {
                return end;
            }
        }
        return max;
    }

    static long hash(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** A stable id from where the event is and what it says: reading the same bytes again gives the same id. */
    static long eventId(String source, long offset, long timestamp, String message) {
        long h = mix(source.hashCode() * 0x9E3779B97F4A7C15L + offset);
        h = mix(h ^ timestamp);
        return mix(h ^ message.hashCode() ^ ((long) message.length() << 32));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
