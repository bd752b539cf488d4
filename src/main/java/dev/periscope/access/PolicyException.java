package dev.periscope.access;

/** A policy file that cannot be used, with where and why. */
public class PolicyException extends RuntimeException {

    private final String source;
    private final int line;
    private final String reason;

    public PolicyException(String source, int line, String reason) {
        super(source + (line > 0 ? ":" + line : "") + ": " + reason);
        this.source = source;
        this.line = line;
        this.reason = reason;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
