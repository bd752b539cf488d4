package dev.periscope.masking;

/** A rule file that cannot be used, with where and why. Never carries a value from a log. */
final class RuleLoadException extends Exception {

    private final String file;
    private final int line;
    private final String reason;

    RuleLoadException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    String file() {
        return file;
    }

    int line() {
        return line;
    }

    String reason() {
        return reason;
    }
}
