package dev.periscope.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifyCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new AuditVerifyCommand().run(List.of(args), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path writeChainAndPublicKey() throws Exception {
        CheckpointKey key = CheckpointKey.generate();
        try (AuditStore store = AuditFixtures.store(dir, 1 << 20, key)) {
            for (int i = 0; i < 5; i++) {
                store.trail().record(AuditFixtures.search("alice", "q" + i));
            }
        }
        Path publicKey = Files.createTempFile(dir.getParent(), "audit", ".pub");
        Files.writeString(publicKey, CheckpointKey.pem("PUBLIC KEY", key.publicKey().getEncoded()));
        return publicKey;
    }

    @Test
    void exits_0_on_an_intact_chain() throws Exception {
        Path publicKey = writeChainAndPublicKey();
        assertThat(run("--dir", dir.toString(), "--public-key", publicKey.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("INTACT").contains("6 records");
    }

    @Test
    void exits_1_and_names_the_first_bad_record_and_the_kind() throws Exception {
        Path publicKey = writeChainAndPublicKey();
        Path segment = dir.resolve(ChainFormat.segmentName(1));
        List<String> lines = new ArrayList<>(Files.readAllLines(segment));
        lines.remove(2);
        Files.writeString(segment, String.join("\n", lines) + "\n");

        assertThat(run("--dir", dir.toString(), "--public-key", publicKey.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("TAMPERED").contains("DELETED").contains(ChainFormat.segmentName(1) + " line 3");
    }

    @Test
    void exits_2_when_the_directory_does_not_exist() {
        assertThat(run("--dir", dir.resolve("missing").toString())).isEqualTo(2);
    }

    @Test
    void exits_2_on_an_unknown_argument() {
        assertThat(run("--frobnicate")).isEqualTo(2);
    }
}
