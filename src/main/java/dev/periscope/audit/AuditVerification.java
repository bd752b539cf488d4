package dev.periscope.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of verifying the audit chain and its checkpoints.
 *
 * @param verifiedAt when the verification ran
 * @param records how many records were checked
 * @param segments how many segment files were read
 * @param checkpoints how many signed checkpoints were checked
 * @param tamper the first problem found, if any; verification stops there
 * @param warnings things that are not tampering but deserve a look (an interrupted last write, no checkpoints)
 * @param notes what holds for every running chain and is worth knowing, not acting on: the newest records waiting
 *     for the next checkpoint, the key the checkpoints were checked against
 */
public record AuditVerification(
        Instant verifiedAt,
        long records,
        int segments,
        int checkpoints,
        Optional<Tamper> tamper,
        List<String> warnings,
        List<String> notes) {

    public AuditVerification {
        warnings = List.copyOf(warnings);
        notes = List.copyOf(notes);
    }

    /** True when no tampering was found. */
    public boolean intact() {
        return tamper.isEmpty();
    }

    /** What kind of change the verifier found. */
    public enum Kind {
        /** A record's content no longer matches its hash, or a record was re-hashed so its successor no longer links. */
        MODIFIED,
        /** Records are missing from the chain. */
        DELETED,
        /** Records are all present but out of order. */
        REORDERED,
        /** A record that was never written by the trail sits in the chain. */
        INSERTED,
        /** The chain ends before a signed checkpoint says it does: its newest records were cut. */
        TRUNCATED,
        /** A whole segment file was swapped for another one. */
        SEGMENT_REPLACED,
        /** A checkpoint's signature does not verify, or checkpoints were removed or reordered. */
        CHECKPOINT_SIGNATURE,
        /** The audit files could not be read at all. */
        UNREADABLE
    }

    /**
     * The first bad record or segment.
     *
     * @param kind what was done to it
     * @param file the segment (or checkpoint file) it is in
     * @param line its line in that file, from 1; 0 when the problem is a whole file
     * @param seq its position in the chain, when known
     * @param message a sentence for the operator
     */
    public record Tamper(Kind kind, String file, long line, OptionalLong seq, String message) {
        @Override
        public String toString() {
            return kind + " in " + file + (line > 0 ? " line " + line : "")
                    + (seq.isPresent() ? " (record seq " + seq.getAsLong() + ")" : "") + ": " + message;
        }
    }
}
