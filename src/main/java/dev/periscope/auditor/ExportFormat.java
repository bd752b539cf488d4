package dev.periscope.auditor;

/** How an export of audit records is written. */
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
}
