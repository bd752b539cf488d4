package dev.periscope.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.audit.AuditVerification.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Every kind of change someone with write access to the audit directory could make is detected and named. */
class AuditTamperTest {

    /** {@code ,"prev":"<64 hex>","hash":"<64 hex>"}}: the end of every record line. */
    private static final int LINK_TAIL = 9 + 64 + 1 + 9 + 64 + 2;
    private static final long SEGMENT_BYTES = 3_000;

    @TempDir
    Path dir;

    private final CheckpointKey key = CheckpointKey.generate();

    @BeforeEach
    void writeChain() {
        try (AuditStore store = AuditFixtures.store(dir, SEGMENT_BYTES, key)) {
            for (int i = 0; i < 30; i++) {
                AuditReceipt receipt = store.trail().begin(AuditFixtures.search("alice", "status:500 AND n:" + i));
                store.trail().complete(receipt, AuditFixtures.outcome(i));
            }
        }
    }

    private AuditVerification verify() {
        return new AuditVerifier(dir, Optional.of(key.publicKey())).verify();
    }

    private AuditVerification.Tamper tamper() {
        AuditVerification result = verify();
        assertThat(result.intact()).as("tampering goes unnoticed").isFalse();
        return result.tamper().orElseThrow();
    }

    private Path segment(int index) {
        return dir.resolve(ChainFormat.segmentName(index));
    }

    private List<String> lines(int index) throws IOException {
        return new ArrayList<>(Files.readAllLines(segment(index)));
    }

    private void write(int index, List<String> lines) throws IOException {
        Files.writeString(segment(index), lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
    }

    private static String hashOf(String line) {
        return JsonMapper.builder().build().readTree(line).path("hash").asString();
    }

    private static long seqOf(String line) {
        return JsonMapper.builder().build().readTree(line).path("seq").asLong();
    }

    /** What an attacker who knows the format can do: change a record and compute a correct hash for it. */
    private static String reseal(String line, String prev, String from, String to) {
        String body = line.substring(0, line.length() - LINK_TAIL).replace(from, to);
        byte[] sealed = ChainFormat.seal(new StringBuilder(body), prev, ChainFormat.sha256()).line();
        return new String(sealed, 0, sealed.length - 1, StandardCharsets.UTF_8);
    }

    @Test
    void an_untouched_chain_verifies() {
        AuditVerification result = verify();
        assertThat(result.tamper()).isEmpty();
        assertThat(result.segments()).isGreaterThanOrEqualTo(4);
        assertThat(result.checkpoints()).isPositive();
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void records_waiting_for_the_next_checkpoint_are_a_note_not_a_warning() {
        try (AuditStore store = AuditFixtures.store(dir, 1 << 20, key)) {
            // Closing the store signs a last checkpoint, so the chain is read while it still runs.
            store.trail().record(AuditFixtures.search("bob", "after the last checkpoint"));
            AuditVerification result = verify();
            assertThat(result.intact()).isTrue();
            // Every running chain has such records; calling them a warning would teach auditors to ignore warnings.
            assertThat(result.warnings()).isEmpty();
            assertThat(result.notes()).anyMatch(n -> n.contains("not vouched for by a checkpoint yet"));
        }
    }

    @Test
    void detects_every_flipped_byte_of_a_record() throws IOException {
        byte[] original = Files.readAllBytes(segment(2));
        List<String> lines = lines(2);
        int lineStart = lines.get(0).length() + 1 + lines.get(1).length() + 1;
        int lineLength = lines.get(2).length();
        for (int i = lineStart; i < lineStart + lineLength; i++) {
            byte[] flipped = original.clone();
            flipped[i] ^= 0x01;
            Files.write(segment(2), flipped);
            AuditVerification.Tamper tamper = tamper();
            assertThat(tamper.kind()).as("byte %d", i - lineStart).isEqualTo(Kind.MODIFIED);
            assertThat(tamper.file()).isEqualTo(ChainFormat.segmentName(2));
            assertThat(tamper.line()).isEqualTo(3);
        }
    }

    @Test
    void detects_a_record_modified_and_rehashed() throws IOException {
        List<String> lines = lines(2);
        String changed = reseal(lines.get(2), JsonMapper.builder().build().readTree(lines.get(2)).path("prev")
                .asString(), "\"alice\"", "\"mallory\"");
        lines.set(2, changed);
        write(2, lines);
        AuditVerification.Tamper tamper = tamper();
        assertThat(tamper.kind()).isEqualTo(Kind.MODIFIED);
        assertThat(tamper.line()).isEqualTo(3);
        assertThat(tamper.seq()).hasValue(seqOf(changed));
    }

    @Test
    void detects_a_deleted_record() throws IOException {
        List<String> lines = lines(2);
        long deleted = seqOf(lines.remove(3));
        write(2, lines);
        AuditVerification.Tamper tamper = tamper();
        assertThat(tamper.kind()).isEqualTo(Kind.DELETED);
        assertThat(tamper.file()).isEqualTo(ChainFormat.segmentName(2));
        assertThat(tamper.line()).isEqualTo(4);
        assertThat(tamper.message()).contains("seq " + deleted);
    }

    @Test
    void detects_a_deleted_segment() throws IOException {
        Files.delete(segment(3));
        AuditVerification.Tamper tamper = tamper();
        assertThat(tamper.kind()).isEqualTo(Kind.DELETED);
        assertThat(tamper.file()).isEqualTo(ChainFormat.segmentName(4));
        assertThat(tamper.line()).isEqualTo(1);
    }

    @Test
    void detects_two_swapped_records() throws IOException {
        List<String> lines = lines(2);
        Collections.swap(lines, 3, 4);
        write(2, lines);
        AuditVerification.Tamper tamper = tamper();
        assertThat(tamper.kind()).isEqualTo(Kind.REORDERED);
        assertThat(tamper.line()).isEqualTo(4);
    }

    /** Inserts, after line 4 of segment 2, a record that takes the next seq and links correctly to line 4. */
    private void insertForgedRecordAfterLine4() throws IOException {
        List<String> lines = lines(2);
        String before = lines.get(3);
        String forged = reseal(before, hashOf(before), "\"seq\":" + seqOf(before) + ",",
                "\"seq\":" + (seqOf(before) + 1) + ",");
        lines.add(4, forged);
        write(2, lines);
    }

    @Test
    void detects_an_inserted_record_even_with_a_correct_hash_and_link() throws IOException {
        insertForgedRecordAfterLine4();
        AuditVerification.Tamper tamper = tamper();
        assertThat(tamper.kind()).isEqualTo(Kind.INSERTED);
        assertThat(tamper.line()).isEqualTo(5);
    }

    @Test
    void detects_an_inserted_record_in_front_of_the_record_a_checkpoint_vouches_for() throws IOException {
        // The checkpoint a segment rotation asks for runs on its own thread and signs whatever head is durable by
        // then, so now and then one vouches for exactly the record the forgery displaces. Sign that one on purpose.
        String displaced = lines(2).get(4);
        ChainHead head = new ChainHead(seqOf(displaced) + 1, hashOf(displaced), ChainFormat.segmentName(2));
        try (Checkpointer checkpointer = new Checkpointer(dir, key, () -> head, Clock.systemUTC(), null)) {
            assertThat(checkpointer.checkpoint()).isTrue();
        }
        insertForgedRecordAfterLine4();
        AuditVerification.Tamper tamper = tamper();
        assertThat(tamper.kind()).isEqualTo(Kind.INSERTED);
        assertThat(tamper.file()).isEqualTo(ChainFormat.segmentName(2));
        assertThat(tamper.line()).isEqualTo(5);
    }

    @Test
    void detects_an_inserted_copy_of_a_record() throws IOException {
        List<String> lines = lines(2);
        lines.add(5, lines.get(1));
        write(2, lines);
        AuditVerification.Tamper tamper = tamper();
        assertThat(tamper.kind()).isEqualTo(Kind.INSERTED);
        assertThat(tamper.line()).isEqualTo(6);
    }

    @Test
    void detects_an_inserted_line_that_is_no_record() throws IOException {
        List<String> lines = lines(2);
        lines.add(2, "{\"note\":\"nothing to see here\"}");
        write(2, lines);
        AuditVerification.Tamper tamper = tamper();
        assertThat(tamper.kind()).isEqualTo(Kind.INSERTED);
        assertThat(tamper.line()).isEqualTo(3);
    }

    @Test
    void detects_the_tail_cut_after_a_checkpoint_vouched_for_it() throws IOException {
        List<ChainFormat.Segment> segments = ChainFormat.segments(dir);
        int last = (int) segments.getLast().index();
        List<String> lines = lines(last);
        write(last, lines.subList(0, lines.size() - 1));
        AuditVerification.Tamper tamper = tamper();
        assertThat(tamper.kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(tamper.message()).contains("the newest records were removed");
    }

    @Test
    void detects_the_last_segment_removed_after_a_checkpoint() throws IOException {
        Files.delete(ChainFormat.segments(dir).getLast().path());
        assertThat(tamper().kind()).isEqualTo(Kind.TRUNCATED);
    }

    @Test
    void detects_the_tail_cut_before_the_next_checkpoint_was_written() throws IOException {
        try (AuditStore store = AuditFixtures.store(dir, 1 << 20, key)) {
            for (int i = 0; i < 5; i++) {
                store.trail().record(AuditFixtures.search("bob", "late " + i));
            }
            // Cut while the trail runs: the next checkpoint signs what the writer wrote, not what is left on disk.
            int last = (int) ChainFormat.segments(dir).getLast().index();
            List<String> lines = lines(last);
            write(last, lines.subList(0, lines.size() - 3));
            assertThat(store.checkpoint()).isTrue();
        }
        assertThat(tamper().kind()).isEqualTo(Kind.TRUNCATED);
    }

    @Test
    void detects_a_whole_segment_replaced_by_a_consistent_forgery() throws IOException {
        String prev = hashOf(lines(1).getLast());
        List<String> forged = new ArrayList<>();
        for (String line : lines(2)) {
            String replaced = reseal(line, prev, "\"alice\"", "\"mallory\"");
            forged.add(replaced);
            prev = hashOf(replaced);
        }
        write(2, forged);
        AuditVerification.Tamper tamper = tamper();
        assertThat(tamper.kind()).isEqualTo(Kind.SEGMENT_REPLACED);
        assertThat(tamper.file()).isEqualTo(ChainFormat.segmentName(2));
    }

    @Test
    void detects_two_segment_files_swapped_by_renaming() throws IOException {
        Path second = segment(2);
        Path parked = dir.resolve("parked");
        Files.move(second, parked);
        Files.move(segment(3), second);
        Files.move(parked, segment(3));
        AuditVerification.Tamper tamper = tamper();
        assertThat(tamper.kind()).isEqualTo(Kind.REORDERED);
        assertThat(tamper.file()).isEqualTo(ChainFormat.segmentName(2));
    }

    @Test
    void detects_a_segment_file_renamed_to_close_a_gap() throws IOException {
        int last = (int) ChainFormat.segments(dir).getLast().index();
        Files.move(segment(last), segment(last + 1));
        AuditVerification.Tamper tamper = tamper();
        assertThat(tamper.kind()).isEqualTo(Kind.SEGMENT_REPLACED);
        assertThat(tamper.file()).isEqualTo(ChainFormat.segmentName(last + 1));
    }

    @Test
    void detects_a_forged_checkpoint() throws IOException {
        Path file = dir.resolve(ChainFormat.CHECKPOINTS);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        String last = lines.getLast();
        lines.set(lines.size() - 1, last.replaceFirst("\"records\":(\\d+)", "\"records\":9999"));
        Files.writeString(file, String.join("\n", lines) + "\n");
        AuditVerification.Tamper tamper = tamper();
        assertThat(tamper.kind()).isEqualTo(Kind.CHECKPOINT_SIGNATURE);
        assertThat(tamper.file()).isEqualTo(ChainFormat.CHECKPOINTS);
        assertThat(tamper.line()).isEqualTo(lines.size());
    }

    @Test
    void detects_a_checkpoint_signed_with_another_key() throws IOException {
        CheckpointKey mallory = CheckpointKey.generate();
        Path file = dir.resolve(ChainFormat.CHECKPOINTS);
        Files.delete(file);
        mallory.publishPublicKey(dir);
        try (AuditStore store = AuditFixtures.store(dir, SEGMENT_BYTES, mallory)) {
            store.trail().record(AuditFixtures.search("mallory", "cover tracks"));
        }
        assertThat(tamper().kind()).isEqualTo(Kind.CHECKPOINT_SIGNATURE);
    }

    @Test
    void detects_the_checkpoint_file_removed() throws IOException {
        Files.delete(dir.resolve(ChainFormat.CHECKPOINTS));
        AuditVerification.Tamper tamper = tamper();
        assertThat(tamper.kind()).isEqualTo(Kind.DELETED);
        assertThat(tamper.file()).isEqualTo(ChainFormat.CHECKPOINTS);
    }

    @Test
    void detects_a_checkpoint_removed_from_the_middle() throws IOException {
        try (AuditStore store = AuditFixtures.store(dir, 1 << 20, key)) {
            for (int i = 0; i < 3; i++) {
                store.trail().record(AuditFixtures.search("bob", "more " + i));
                store.checkpoint();
            }
        }
        Path file = dir.resolve(ChainFormat.CHECKPOINTS);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(lines.size() - 2);
        Files.writeString(file, String.join("\n", lines) + "\n");
        AuditVerification.Tamper tamper = tamper();
        assertThat(tamper.kind()).isEqualTo(Kind.DELETED);
        assertThat(tamper.file()).isEqualTo(ChainFormat.CHECKPOINTS);
    }
}
