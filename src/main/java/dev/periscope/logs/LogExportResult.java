package dev.periscope.logs;

import java.util.Optional;

/**
 * What an export wrote.
 *
 * @param rows events written
 * @param bytes bytes written, the header and any note included
 * @param capped true when the export stopped at the configured maximum and more events matched
 * @param withheld events whose content was replaced by a placeholder because masking failed
 * @param stoppedEarly when a page failed or the export was cancelled: the note that ends the file, saying it is
 *     incomplete and why
 */
public record LogExportResult(long rows, long bytes, boolean capped, long withheld, Optional<String> stoppedEarly) {
}
