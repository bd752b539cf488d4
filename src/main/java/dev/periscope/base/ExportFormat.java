package dev.periscope.base;

import java.util.Locale;
import java.util.Optional;

/** How an export (of log events, of audit records) is written. */
public enum ExportFormat {
    CSV("csv", "text/csv"),
    NDJSON("ndjson", "application/x-ndjson");

    private final String extension;
    private final String contentType;

    ExportFormat(String extension, String contentType) {
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
    public static Optional<ExportFormat> of(String name) {
        for (ExportFormat format : values()) {
            if (format.extension.equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
