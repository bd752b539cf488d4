package dev.periscope.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies the audit chain in a directory: every record's hash, every link, every checkpoint's signature, and that
 * the chain still holds every record a checkpoint vouches for. Needs no Spring context, so the CLI and the web app use
 * the same code.
 *
 * <p>It stops at the first problem and names it: the file, line and chain position of the first bad record, and the
 * kind of change. Telling a deletion from a reordering or an insertion needs a look ahead; the verifier looks up to
 * {@value #LOOKAHEAD} records ahead and remembers the last {@value #MEMORY} records, so its memory stays bounded on a
 * chain of any length.
 */
public final class AuditVerifier {

    private static final int LOOKAHEAD = 10_000;
    private static final int MEMORY = 100_000;

    private final Path directory;
    private final Optional<PublicKey> publicKey;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final MessageDigest sha = ChainFormat.sha256();

    /**
     * @param directory the audit directory ({@code periscope.audit.directory})
     * @param publicKey the key checkpoints must be signed with; when empty, the {@code checkpoint-key-*.pub} files
     *     beside the chain are trusted, which proves less: whoever can rewrite the chain can rewrite those too
     */
    public AuditVerifier(Path directory, Optional<PublicKey> publicKey) {
        this(directory, publicKey, Clock.systemUTC());
    }

    AuditVerifier(Path directory, Optional<PublicKey> publicKey, Clock clock) {
        this.directory = directory;
        this.publicKey = publicKey;
        this.clock = clock;
    }

    /** Reads an Ed25519 public key from a PEM file (a {@code PUBLIC KEY} block; a key pair file works too). */
    public static PublicKey readPublicKey(Path file) throws IOException {
        return CheckpointKey.readPublicKey(file);
    }

    /** Verifies everything and reports the first problem. Never throws: unreadable files are a result too. */
    public AuditVerification verify() {
        Run run = new Run();
        try {
            run.verify();
        } catch (IOException | RuntimeException e) {
            run.found(AuditVerification.Kind.UNREADABLE, directory.toString(), 0, OptionalLong.empty(),
                    "cannot read the audit files: " + e.getMessage());
        }
        return new AuditVerification(clock.instant(), run.records, run.segmentCount, run.checkpoints.size(),
                Optional.ofNullable(run.tamper), run.warnings, run.notes);
    }

    /** One record as the verifier sees it. {@code valid} means it parsed and its own hash matches its content. */
    private record Rec(String file, long line, boolean first, boolean valid, long seq, String hash, String prev,
            String problem, String segmentHeader) {
    }

    private record Checkpoint(long n, long records, String head, String time) {
    }

    private static final class Found extends RuntimeException {
        Found() {
            super(null, null, false, false);
        }
    }

    private final class Run {
        final List<String> warnings = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<Checkpoint> checkpoints = new ArrayList<>();
        final Map<Long, List<Checkpoint>> checkpointsBySeq = new HashMap<>();
        AuditVerification.@Nullable Tamper tamper;
        long records;
        int segmentCount;
        long startSeq;
        String startPrev = ChainFormat.GENESIS;

        void found(AuditVerification.Kind kind, String file, long line, OptionalLong seq, String message) {
            tamper = new AuditVerification.Tamper(kind, file, line, seq, message);
        }

        Found fail(AuditVerification.Kind kind, Rec rec, String message) {
            found(kind, rec.file(), rec.line(), rec.valid() ? OptionalLong.of(rec.seq()) : OptionalLong.empty(),
                    message);
            return new Found();
        }

        Found fail(AuditVerification.Kind kind, String file, long line, String message) {
            found(kind, file, line, OptionalLong.empty(), message);
            return new Found();
        }

        void verify() throws IOException {
            if (!Files.isDirectory(directory)) {
                throw new IOException(directory + " is not a directory");
            }
            try {
                Map<String, PublicKey> keys = keys();
                readAnchor(keys);
                readCheckpoints(keys);
                scanChain();
            } catch (Found e) {
                // tamper is set
            }
        }

        Map<String, PublicKey> keys() throws IOException {
            Map<String, PublicKey> keys = new HashMap<>();
            if (publicKey.isPresent()) {
                keys.put(CheckpointKey.keyId(publicKey.get()), publicKey.get());
                return keys;
            }
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (name.startsWith(ChainFormat.KEY_PREFIX) && name.endsWith(ChainFormat.KEY_SUFFIX)) {
                        PublicKey key = CheckpointKey.readPublicKey(file);
                        keys.put(CheckpointKey.keyId(key), key);
                    }
                }
            }
            if (!keys.isEmpty()) {
                notes.add("checkpoints checked against the public key stored beside the chain;"
                        + " pass --public-key to check them against a key kept elsewhere");
            }
            return keys;
        }

        JsonNode signed(byte[] line, String file, long lineNo, Map<String, PublicKey> keys) {
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (RuntimeException e) {
                throw fail(AuditVerification.Kind.CHECKPOINT_SIGNATURE, file, lineNo, "not a signed checkpoint");
            }
            SignedLine.Parts parts = SignedLine.split(line).orElseThrow(
                    () -> fail(AuditVerification.Kind.CHECKPOINT_SIGNATURE, file, lineNo, "has no signature"));
            String keyId = node.path("key").asString();
            PublicKey key = keys.get(keyId);
            if (key == null) {
                throw fail(AuditVerification.Kind.CHECKPOINT_SIGNATURE, file, lineNo,
                        "signed by key " + keyId + ", which is not a trusted key");
            }
            if (!CheckpointKey.verify(key, parts.body(), parts.signature())) {
                throw fail(AuditVerification.Kind.CHECKPOINT_SIGNATURE, file, lineNo,
                        "the signature does not verify: the checkpoint was forged or altered");
            }
            return node;
        }

        void readAnchor(Map<String, PublicKey> keys) throws IOException {
            Path file = directory.resolve(ChainFormat.ANCHOR);
            if (!Files.exists(file)) {
                return;
            }
            byte[] line = Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
            JsonNode node = signed(line, ChainFormat.ANCHOR, 1, keys);
            startSeq = node.path("firstSeq").asLong();
            startPrev = node.path("prev").asString();
        }

        void readCheckpoints(Map<String, PublicKey> keys) throws IOException {
            Path file = directory.resolve(ChainFormat.CHECKPOINTS);
            if (!Files.exists(file)) {
                if (!keys.isEmpty() && !ChainFormat.segments(directory).isEmpty()) {
                    // The writer creates the file as soon as it has a key, so with a key it cannot be missing.
                    throw fail(AuditVerification.Kind.DELETED, ChainFormat.CHECKPOINTS, 0,
                            "the checkpoint file is missing, though checkpoints are signed for this chain");
                }
                warnings.add("no checkpoints: deleting the newest records would not be detected");
                return;
            }
            ChainFormat.Lines lines = ChainFormat.readLines(file);
            if (lines.tornTail().length > 0) {
                warnings.add("the last checkpoint line is incomplete (an interrupted write) and was ignored");
            }
            String prev = ChainFormat.GENESIS;
            long expected = 1;
            for (int i = 0; i < lines.lines().size(); i++) {
                byte[] line = lines.lines().get(i);
                long lineNo = i + 1;
                JsonNode node = signed(line, ChainFormat.CHECKPOINTS, lineNo, keys);
                long n = node.path("n").asLong();
                if (n > expected) {
                    throw fail(AuditVerification.Kind.DELETED, ChainFormat.CHECKPOINTS, lineNo,
                            "checkpoints #" + expected + " to #" + (n - 1) + " are missing");
                }
                if (n != expected || !node.path("prev").asString().equals(prev)) {
                    throw fail(AuditVerification.Kind.CHECKPOINT_SIGNATURE, ChainFormat.CHECKPOINTS, lineNo,
                            "checkpoint #" + n + " does not follow checkpoint #" + (expected - 1)
                                    + ": checkpoints were removed, copied or reordered");
                }
                Checkpoint checkpoint = new Checkpoint(n, node.path("records").asLong(),
                        node.path("head").asString(), node.path("time").asString());
                checkpoints.add(checkpoint);
                if (checkpoint.records() > startSeq) {
                    checkpointsBySeq.computeIfAbsent(checkpoint.records() - 1, k -> new ArrayList<>())
                            .add(checkpoint);
                }
                prev = ChainFormat.hex(sha.digest(line));
                expected++;
            }
        }

        void scanChain() throws IOException {
            List<ChainFormat.Segment> segments = ChainFormat.segments(directory);
            segmentCount = segments.size();
            Cursor cursor = new Cursor(segments);
            long expectedSeq = startSeq;
            String expectedPrev = startPrev;
            @Nullable Rec lastAccepted = null;
            Map<Long, Rec> bySeq = bounded();
            Map<String, Long> seqByHash = bounded();
            long pos = 0;
            for (Rec rec = cursor.get(pos); rec != null; rec = cursor.get(++pos)) {
                cursor.release(pos - LOOKAHEAD);
                if (rec.valid() && rec.seq() == expectedSeq && rec.prev().equals(expectedPrev)) {
                    if (rec.first() && !rec.segmentHeader().isEmpty() && !rec.segmentHeader().equals(rec.file())) {
                        throw fail(AuditVerification.Kind.SEGMENT_REPLACED, rec, "the file holds segment "
                                + rec.segmentHeader() + ": segment files were renamed or copied");
                    }
                    for (Checkpoint checkpoint : checkpointsBySeq.getOrDefault(rec.seq(), List.of())) {
                        if (!checkpoint.head().equals(rec.hash())) {
                            // The record a checkpoint vouches for may still be there, right behind extra records
                            // that took its place in the chain: those were inserted, nothing was rewritten. Which
                            // of the two a reader sees must not depend on when a checkpoint happened to be taken.
                            if (vouchedAhead(rec, checkpoint, pos, cursor)) {
                                throw fail(AuditVerification.Kind.INSERTED, rec, "a record that is not part of the"
                                        + " chain: it sits before record seq " + rec.seq() + ", which signed"
                                        + " checkpoint #" + checkpoint.n() + " (" + checkpoint.time()
                                        + ") vouches for");
                            }
                            if (breaksAtEndOfSegment(pos, cursor)) {
                                throw fail(AuditVerification.Kind.SEGMENT_REPLACED, rec.file(), 0, "differs from"
                                        + " what signed checkpoint #" + checkpoint.n() + " (" + checkpoint.time()
                                        + ") vouches for, and the next segment does not link to it: the segment was"
                                        + " replaced");
                            }
                            throw fail(AuditVerification.Kind.MODIFIED, rec, "differs from what signed checkpoint #"
                                    + checkpoint.n() + " (" + checkpoint.time() + ") vouches for:"
                                    + " the chain up to here was rewritten");
                        }
                    }
                    bySeq.put(rec.seq(), rec);
                    seqByHash.put(rec.hash(), rec.seq());
                    lastAccepted = rec;
                    expectedSeq++;
                    expectedPrev = rec.hash();
                    records++;
                    continue;
                }
                throw classify(rec, pos, cursor, expectedSeq, expectedPrev, lastAccepted, bySeq, seqByHash);
            }
            long vouched = checkpoints.stream().mapToLong(Checkpoint::records).max().orElse(0);
            if (vouched > expectedSeq) {
                Checkpoint newest = checkpoints.stream().filter(c -> c.records() == vouched).findFirst().orElseThrow();
                String file = lastAccepted != null ? lastAccepted.file() : "(no segments)";
                long line = lastAccepted != null ? lastAccepted.line() : 0;
                found(AuditVerification.Kind.TRUNCATED, file, line,
                        lastAccepted != null ? OptionalLong.of(lastAccepted.seq()) : OptionalLong.empty(),
                        "the chain ends after " + expectedSeq + " records, but signed checkpoint #" + newest.n()
                                + " (" + newest.time() + ") vouches for " + vouched
                                + ": the newest records were removed");
            }
            if (records == 0 && tamper == null) {
                warnings.add("the audit chain is empty");
            } else if (tamper == null && expectedSeq > vouched && !checkpoints.isEmpty()) {
                notes.add("the newest " + (expectedSeq - vouched) + " record(s) are not vouched for by a checkpoint"
                        + " yet: cutting them would not be detected until the next checkpoint");
            } else if (tamper == null && checkpoints.isEmpty() && Files.exists(directory.resolve(
                    ChainFormat.CHECKPOINTS))) {
                warnings.add("no checkpoint vouches for any record: if the portal ran for longer than one checkpoint"
                        + " interval, checkpoints were removed");
            }
        }

        Found classify(Rec rec, long pos, Cursor cursor, long expectedSeq, String expectedPrev,
                @Nullable Rec lastAccepted, Map<Long, Rec> bySeq, Map<String, Long> seqByHash) throws IOException {
            Rec next = cursor.get(pos + 1);
            boolean resumes = next != null && next.valid() && next.seq() == expectedSeq
                    && next.prev().equals(expectedPrev);
            if (!rec.valid()) {
                return resumes
                        ? fail(AuditVerification.Kind.INSERTED, rec, "a line that is not part of the chain: "
                                + rec.problem())
                        : fail(AuditVerification.Kind.MODIFIED, rec, rec.problem());
            }
            if (rec.first() && rec.seq() == expectedSeq && lastAccepted != null
                    && !lastAccepted.file().equals(rec.file())) {
                return fail(AuditVerification.Kind.SEGMENT_REPLACED, lastAccepted.file(), 0,
                        "segment " + rec.file() + " does not link to the end of " + lastAccepted.file() + ": "
                                + lastAccepted.file() + " was replaced or rewritten");
            }
            Long copyOf = seqByHash.get(rec.hash());
            if (copyOf != null) {
                return fail(AuditVerification.Kind.INSERTED, rec, "a copy of record seq " + copyOf);
            }
            if (resumes && !pointedTo(rec.hash(), pos, cursor)) {
                return fail(AuditVerification.Kind.INSERTED, rec, "a record that is not part of the chain");
            }
            if (rec.seq() < expectedSeq) {
                Rec before = bySeq.get(rec.seq() - 1);
                String linkBefore = rec.seq() == startSeq ? startPrev : before != null ? before.hash() : "";
                Rec inserted = bySeq.get(rec.seq());
                if (rec.prev().equals(linkBefore) && inserted != null) {
                    return fail(AuditVerification.Kind.INSERTED, inserted, (expectedSeq - rec.seq())
                            + " record(s) that are not part of the chain sit before record seq " + rec.seq()
                            + " (" + rec.file() + " line " + rec.line() + ")");
                }
                return fail(AuditVerification.Kind.REORDERED, rec,
                        "record seq " + rec.seq() + " appears after record seq " + (expectedSeq - 1));
            }
            if (rec.seq() > expectedSeq) {
                if (seqAhead(expectedSeq, pos, cursor)) {
                    return fail(AuditVerification.Kind.REORDERED, rec,
                            "record seq " + rec.seq() + " appears before record seq " + expectedSeq);
                }
                return fail(AuditVerification.Kind.DELETED, rec, (rec.seq() - expectedSeq == 1
                        ? "record seq " + expectedSeq + " is missing"
                        : "records seq " + expectedSeq + " to " + (rec.seq() - 1) + " are missing")
                        + " before this record");
            }
            if (lastAccepted == null) {
                return fail(AuditVerification.Kind.DELETED, rec,
                        "the first record does not link to the start of the chain: earlier records are missing");
            }
            return fail(AuditVerification.Kind.MODIFIED, lastAccepted,
                    "the record was altered and re-hashed: the next record links to a different hash");
        }

        /** Whether the first record after the segment of the record at {@code pos} fails to link to it. */
        boolean breaksAtEndOfSegment(long pos, Cursor cursor) throws IOException {
            Rec rec = cursor.get(pos);
            for (long p = pos + 1; p <= pos + LOOKAHEAD && rec != null; p++) {
                Rec r = cursor.get(p);
                if (r == null) {
                    return false;
                }
                if (!r.file().equals(rec.file())) {
                    return r.valid() && !r.prev().equals(rec.hash());
                }
                rec = r;
            }
            return false;
        }

        /**
         * Whether the record {@code checkpoint} vouches for follows {@code rec}: same seq, same link and the vouched
         * hash, so {@code rec} and whatever sits between them are not part of the chain.
         */
        boolean vouchedAhead(Rec rec, Checkpoint checkpoint, long pos, Cursor cursor) throws IOException {
            for (long p = pos + 1; p <= pos + LOOKAHEAD; p++) {
                Rec r = cursor.get(p);
                if (r == null) {
                    return false;
                }
                if (r.valid() && r.seq() == rec.seq() && r.prev().equals(rec.prev())
                        && r.hash().equals(checkpoint.head())) {
                    return true;
                }
            }
            return false;
        }

        boolean pointedTo(String hash, long pos, Cursor cursor) throws IOException {
            for (long p = pos + 1; p <= pos + LOOKAHEAD; p++) {
                Rec r = cursor.get(p);
                if (r == null) {
                    return false;
                }
                if (r.valid() && r.prev().equals(hash)) {
                    return true;
                }
            }
            return false;
        }

        boolean seqAhead(long seq, long pos, Cursor cursor) throws IOException {
            for (long p = pos + 1; p <= pos + LOOKAHEAD; p++) {
                Rec r = cursor.get(p);
                if (r == null) {
                    return false;
                }
                if (r.valid() && r.seq() == seq) {
                    return true;
                }
            }
            return false;
        }

        /** Reads segments as the scan needs them and forgets records far behind it. */
        final class Cursor {
            private final List<ChainFormat.Segment> segments;
            private int nextSegment;
            private final ArrayList<Rec> window = new ArrayList<>();
            private long base;

            Cursor(List<ChainFormat.Segment> segments) {
                this.segments = segments;
            }

            @Nullable Rec get(long pos) throws IOException {
                while (pos >= base + window.size() && nextSegment < segments.size()) {
                    load(segments.get(nextSegment), nextSegment == segments.size() - 1);
                    nextSegment++;
                }
                return pos < base + window.size() ? window.get((int) (pos - base)) : null;
            }

            void release(long before) {
                int drop = (int) (before - base);
                if (drop > MEMORY) {
                    window.subList(0, drop).clear();
                    base += drop;
                }
            }

            private void load(ChainFormat.Segment segment, boolean last) throws IOException {
                ChainFormat.Lines lines = ChainFormat.readLines(segment.path());
                for (int i = 0; i < lines.lines().size(); i++) {
                    window.add(parse(segment.name(), i + 1, lines.lines().get(i)));
                }
                if (lines.tornTail().length > 0) {
                    if (last) {
                        warnings.add(segment.name() + " ends with an incomplete record of "
                                + lines.tornTail().length + " bytes (a write interrupted by a crash; no caller was"
                                + " told it was durable); it was ignored");
                    } else {
                        window.add(parse(segment.name(), lines.lines().size() + 1, lines.tornTail()));
                    }
                }
            }

            private Rec parse(String file, long line, byte[] bytes) {
                Optional<ChainFormat.HashCheck> check = ChainFormat.checkHash(bytes, sha);
                if (check.isEmpty()) {
                    return invalid(file, line, "not a record of this chain (no hash field)");
                }
                Fields fields = scan(bytes);
                if (fields == null) {
                    return invalid(file, line, "not valid JSON: the record was modified");
                }
                if (fields.seq() < 0 || fields.prev() == null) {
                    return invalid(file, line, "lacks its seq or prev field: the record was modified");
                }
                if (!check.get().valid()) {
                    return new Rec(file, line, line == 1, false, fields.seq(), check.get().stored(), fields.prev(),
                            "its content does not match its hash: the record was modified", "");
                }
                String header = fields.type().equals("segment") ? fields.segment() : "";
                return new Rec(file, line, line == 1, true, fields.seq(), check.get().stored(), fields.prev(), "",
                        header);
            }

            private record Fields(long seq, @Nullable String prev, String type, String segment) {
            }

            /**
             * Reads the few fields the verifier needs with the streaming parser: building a tree of every record
             * would cost most of the verification time.
             *
             * @return null when the bytes are not exactly one JSON object
             */
            private @Nullable Fields scan(byte[] bytes) {
                try (JsonParser parser = json.createParser(bytes)) {
                    if (parser.nextToken() != JsonToken.START_OBJECT) {
                        return null;
                    }
                    long seq = -1;
                    String prev = null;
                    String type = "";
                    String segment = "";
                    JsonToken token;
                    while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                        String name = parser.currentName();
                        JsonToken value = parser.nextToken();
                        switch (name) {
                            case "seq" -> seq = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : -1;
                            case "prev" -> prev = value == JsonToken.VALUE_STRING ? parser.getString() : null;
                            case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getString() : "";
                            case "segment" -> segment = value == JsonToken.VALUE_STRING ? parser.getString() : "";
                            default -> parser.skipChildren();
                        }
                    }
                    if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                        return null;
                    }
                    return new Fields(seq, prev, type, segment);
                } catch (JacksonException e) {
                    return null;
                }
            }

            private Rec invalid(String file, long line, String problem) {
                return new Rec(file, line, line == 1, false, -1, "", "", problem, "");
            }
        }
    }

    private static <K, V> Map<K, V> bounded() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > MEMORY;
            }
        };
    }
}
