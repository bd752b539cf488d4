package dev.periscope.masking;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The body of a PEM private key written over several lines, for a reader that masks text line by line (the
 * {@code mask} command in text mode). Each body line alone is only base64, which no rule can tell from any other, so
 * the lines after a {@code -----BEGIN ... PRIVATE KEY-----} line are redacted up to the matching END line, or up to
 * the first line that is not key material (a key cut short). Lines stay lines: output is still line for line. The
 * portal's own ingest keeps such a block in one event, where the block rules see it whole.
 */
final class PrivateKeyLines {

    static final String REDACTED = "[REDACTED:private-key]";
    static final String RULE = "private-key-block";

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----");
    private static final Pattern END = Pattern.compile("-----END[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----");
    /** A line of key material: base64 or a header of an encrypted key ({@code Proc-Type: 4,ENCRYPTED}). */
    private static final Pattern BODY = Pattern.compile(
            "[ \\t]*([A-Za-z0-9+/=]{1,128}|(?:Proc-Type|DEK-Info|Comment): [^\\r\\n]{0,128})[ \\t]*");
    /** The same at the end of a line that a log prefix opens ({@code 2026-11-24T10:00:00Z stdout F MIIE...}). */
    private static final Pattern PREFIXED_BODY = Pattern.compile(".{0,200}?\\s([A-Za-z0-9+/=]{16,128})[ \\t]*");
    /** Longest block followed: a 16384-bit RSA key in 64-character lines has fewer than 200. */
    private static final int MAX_LINES = 400;

    /** The part of a line to redact. */
    record Cut(int start, int end) {
    }

    private boolean inside;
    private int lines;

    /**
     * The part of {@code line} that belongs to a private key opened on an earlier line, or null when the line is to
     * be masked as any other. Call once per line, in order.
     */
    @Nullable Cut next(String line) {
        if (inside) {
            Matcher end = END.matcher(line);
            if (end.find()) {
                inside = false;
                int start = end.start();
                while (start > 0 && isBase64(line.charAt(start - 1))) {
                    start--;
                }
                return new Cut(start, end.start());
            }
            if (line.isBlank()) {
                return null;
            }
            Matcher body = BODY.matcher(line);
            if (!body.matches()) {
                body = PREFIXED_BODY.matcher(line);
            }
            if (body.matches() && ++lines <= MAX_LINES) {
                return new Cut(body.start(1), body.end(1));
            }
            inside = false;
        }
        Matcher begin = BEGIN.matcher(line);
        if (begin.find() && !END.matcher(line).find(begin.end())) {
            inside = true;
            lines = 0;
        }
        return null;
    }

    private static boolean isBase64(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                || c == '=';
    }
}
