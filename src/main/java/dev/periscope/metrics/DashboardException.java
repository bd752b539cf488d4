package dev.periscope.metrics;

/** A dashboard file that cannot be used, with the file and line to fix. */
public final class DashboardException extends RuntimeException {

    private final String file;
    private final int line;

    DashboardException(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
