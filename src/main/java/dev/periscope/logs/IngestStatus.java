package dev.periscope.logs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How ingest is doing, for the admin page and metrics. Holds no event content: error texts name the file and the
 * kind of failure only.
 *
 * @param running whether the ingest loop runs
 * @param directory the watched directory
 * @param files files being followed
 * @param eventsIngested events handed to the store since start
 * @param bytesRead bytes read since start
 * @param unparsedLines lines kept raw because no format recognised them
 * @param cutLines lines cut because they were longer than the limit
 * @param truncations files that shrank (copy-truncate rotation) and were read again from the start
 * @param rotations files followed across a rename
 * @param errors read or store errors since start
 * @param lastError the latest error, if any
 * @param lastCommit when events and checkpoints were last made durable
 * @param lagBytes bytes written to followed files but not read yet
 * @param lostBytes bytes of rotated files that were removed before they could be read (also counted as errors)
 */
public record IngestStatus(boolean running, String directory, List<FileStatus> files, long eventsIngested,
                           long bytesRead, long unparsedLines, long cutLines, long truncations, long rotations,
                           long errors, Optional<String> lastError, Optional<Instant> lastCommit, long lagBytes,
                           long lostBytes) {

    public IngestStatus {
        files = List.copyOf(files);
    }

    /**
     * @param source the file's path relative to the ingest directory, as first seen
     * @param offset bytes read
     * @param size current size
     */
    public record FileStatus(String source, long offset, long size) {
        public long lagBytes() {
            return Math.max(0, size - offset);
        }
    }

    /** Something that reports ingest status (the file ingester; nothing when ingest is off). */
    public interface Provider {
        IngestStatus ingestStatus();
    }
}
