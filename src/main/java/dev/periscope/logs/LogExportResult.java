package dev.periscope.logs;

/**
 * What an export wrote.
 *
 * @param rows events written
 * @param bytes bytes written, the header and any note included
 * @param capped true when the export stopped at the configured maximum and more events matched
 * @param withheld events whose content was replaced by a placeholder because masking failed
 */
public record LogExportResult(long rows, long bytes, boolean capped, long withheld) {
}
