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
    /** A line of key material: base64. */
    private static final Pattern BODY = Pattern.compile("[ \\t]*([A-Za-z0-9+/=]{1,128})[ \\t]*");
    /** The same at the end of a line that a log prefix opens ({@code 2026-11-24T10:00:00Z stdout F MIIE...}). */
    private static final Pattern PREFIXED_BODY = Pattern.compile(".{0,200}?\\s([A-Za-z0-9+/=]{40,128})[ \\t]*");
    /** Headers of an encrypted key ({@code Proc-Type: 4,ENCRYPTED}): no secret, and the block goes on after them. */
    private static final Pattern HEADER = Pattern.compile("[ \\t]*(?:Proc-Type|DEK-Info|Comment): .{0,128}");
    /**
     * Body lines are written full width (64 characters, 76 in some tools); a shorter one is the last. A line shorter
     * than this is key material only as the last line after full ones, so a one-word log line after a key whose END
     * line never came ("Deploying") is not taken for it.
     */
    private static final int FULL_LINE = 40;
    /** Longest block followed: a 16384-bit RSA key in 64-character lines has fewer than 200. */
    private static final int MAX_LINES = 400;

    /** The part of a line to redact. */
    record Cut(int start, int end) {
    }

    private boolean inside;
    private boolean lastLineSeen;
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
            if (line.isBlank() || !lastLineSeen && HEADER.matcher(line).matches()) {
                return null;
            }
            Cut body = lastLineSeen || ++lines > MAX_LINES ? null : body(line);
            if (body != null) {
                return body;
            }
            inside = false;
        }
        Matcher begin = BEGIN.matcher(line);
        if (begin.find() && !END.matcher(line).find(begin.end())) {
            inside = true;
            lastLineSeen = false;
            lines = 0;
        }
        return null;
    }

    private @Nullable Cut body(String line) {
        Matcher whole = BODY.matcher(line);
        if (whole.matches()) {
            int length = whole.end(1) - whole.start(1);
            if (length < FULL_LINE) {
                if (lines == 1) {
                    return null; // a short line right after BEGIN is no body
                }
                lastLineSeen = true;
            }
            return new Cut(whole.start(1), whole.end(1));
        }
        Matcher prefixed = PREFIXED_BODY.matcher(line);
        return prefixed.matches() ? new Cut(prefixed.start(1), prefixed.end(1)) : null;
    }

    private static boolean isBase64(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                || c == '=';
    }
}
