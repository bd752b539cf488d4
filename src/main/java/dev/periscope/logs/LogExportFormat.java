package dev.periscope.logs;

import java.util.Locale;
import java.util.Optional;

/** How an export of log events is written. */
public enum LogExportFormat {
    CSV("csv", "text/csv"),
    NDJSON("ndjson", "application/x-ndjson");

    private final String extension;
    private final String contentType;

    LogExportFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** The format named {@code csv} or {@code ndjson}, any case. */
    public static Optional<LogExportFormat> of(String name) {
        for (LogExportFormat format : values()) {
            if (format.extension.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
