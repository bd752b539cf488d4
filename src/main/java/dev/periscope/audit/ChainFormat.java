package dev.periscope.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The on-disk format of the audit chain, shared by the writer and the verifier.
 *
 * <p>A segment is a file of JSON lines. Every line is one record whose last field is {@code "hash"}: the SHA-256 of the
 * line's other bytes (the line with {@code ,"hash":"..."} removed). Every record also carries {@code "prev"}, the hash
 * of the record before it, and {@code "seq"}, its position in the whole chain. The verifier hashes the bytes as they
 * are on disk, so it never depends on re-serialising a record the same way.
 */
final class ChainFormat {

    static final int VERSION = 1;
    static final String GENESIS = "0".repeat(64);
    static final String CHECKPOINTS = "checkpoints.jsonl";
    static final String ANCHOR = "retention-anchor.json";
    static final String KEY_PREFIX = "checkpoint-key-";
    static final String KEY_SUFFIX = ".pub";

    private static final String SEGMENT_PREFIX = "chain-";
    private static final String SEGMENT_SUFFIX = ".jsonl";
    private static final byte[] HASH_FIELD = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
    /** {@code ,"hash":"} + 64 hex digits + {@code "}}. */
    private static final int HASH_TAIL = HASH_FIELD.length + 64 + 2;
    private static final HexFormat HEX = HexFormat.of();

    private ChainFormat() {
    }

    record Segment(long index, Path path) {
        String name() {
            return path.getFileName().toString();
        }
    }

    static String segmentName(long index) {
        return SEGMENT_PREFIX + String.format("%08d", index) + SEGMENT_SUFFIX;
    }

    static OptionalLong segmentIndex(String fileName) {
        if (!fileName.startsWith(SEGMENT_PREFIX) || !fileName.endsWith(SEGMENT_SUFFIX)) {
            return OptionalLong.empty();
        }
        String digits = fileName.substring(SEGMENT_PREFIX.length(), fileName.length() - SEGMENT_SUFFIX.length());
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(digits));
    }

    /** The chain's segments in chain order. */
    static List<Segment> segments(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Segment> segments = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(p -> segmentIndex(p.getFileName().toString())
                    .ifPresent(i -> segments.add(new Segment(i, p))));
        }
        segments.sort(Comparator.comparingLong(Segment::index));
        return segments;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** A short, one-way form of a session id: enough to group a session's actions, useless to hijack it. */
    static String sessionHash(String session) {
        if (session.isEmpty()) {
            return "";
        }
        return hex(sha256().digest(session.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    }

    /** Starts a record: the fields every record has, in a fixed order. */
    static Json startRecord(StringBuilder out, long seq, String id, String type, Instant time) {
        return new Json(out).begin()
                .field("v", VERSION)
                .field("seq", seq)
                .field("id", id)
                .field("type", type)
                .field("time", time.toString());
    }

    static void entryFields(Json json, AuditEntry entry) {
        AuditEntry.Actor actor = entry.actor();
        AuditEntry.Target target = entry.target();
        json.objectField("actor")
                .field("user", actor.userId())
                .field("roles", actor.roles())
                .field("session", sessionHash(actor.session()))
                .field("address", actor.clientAddress())
                .field("agent", actor.userAgent())
                .end();
        json.field("action", entry.action());
        json.objectField("target")
                .field("backend", target.backend())
                .field("services", target.services())
                .field("from", target.from())
                .field("to", target.to())
                .end();
        json.field("query", entry.maskedQuery())
                .field("decision", entry.decision().name())
                .field("reason", entry.reason())
                .field("grant", entry.grantId());
    }

    static void outcomeFields(Json json, String beginId, AuditOutcome outcome) {
        json.field("ref", beginId);
        json.objectField("result")
                .field("count", outcome.count())
                .field("bytes", outcome.bytes())
                .field("durationMs", outcome.durationMillis())
                .field("withheld", outcome.withheld())
                .end();
        json.field("masking", outcome.rulesFired());
    }

    /**
     * Ends a record: adds {@code prev}, hashes the record and appends the hash as its last field.
     *
     * @param body the record so far, without its closing brace
     * @return the line to write, with its newline, and the record's hash
     */
    static Sealed seal(StringBuilder body, String prev, MessageDigest sha) {
        body.append(",\"prev\":");
        Json.string(body, prev);
        body.append('}');
        byte[] hashed = body.toString().getBytes(StandardCharsets.UTF_8);
        String hash = hex(sha.digest(hashed));
        byte[] line = Arrays.copyOf(hashed, hashed.length - 1 + HASH_TAIL + 1);
        int at = hashed.length - 1;
        System.arraycopy(HASH_FIELD, 0, line, at, HASH_FIELD.length);
        at += HASH_FIELD.length;
        byte[] hexBytes = hash.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hexBytes, 0, line, at, hexBytes.length);
        at += hexBytes.length;
        line[at++] = '"';
        line[at++] = '}';
        line[at] = '\n';
        return new Sealed(line, hash);
    }

    record Sealed(byte[] line, String hash) {
    }

    /**
     * Splits a line (without its newline) into the stored hash and the hash of its content.
     *
     * @return empty when the line does not end with a hash field
     */
    static Optional<HashCheck> checkHash(byte[] line, MessageDigest sha) {
        int n = line.length;
        if (n < HASH_TAIL + 2 || line[n - 1] != '}' || line[n - 2] != '"') {
            return Optional.empty();
        }
        int at = n - HASH_TAIL;
        for (int i = 0; i < HASH_FIELD.length; i++) {
            if (line[at + i] != HASH_FIELD[i]) {
                return Optional.empty();
            }
        }
        String stored = new String(line, at + HASH_FIELD.length, 64, StandardCharsets.US_ASCII);
        sha.update(line, 0, at);
        sha.update((byte) '}');
        String actual = hex(sha.digest());
        return Optional.of(new HashCheck(stored, actual));
    }

    record HashCheck(String stored, String actual) {
        boolean valid() {
            return stored.equals(actual);
        }
    }

    /** Lines of a file; a last line without its newline is returned separately as a torn tail. */
    record Lines(List<byte[]> lines, byte[] tornTail) {
    }

    static Lines readLines(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] == '\n') {
                lines.add(Arrays.copyOfRange(all, start, i));
                start = i + 1;
            }
        }
        return new Lines(lines, Arrays.copyOfRange(all, start, all.length));
    }
}
