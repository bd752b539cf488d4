package dev.periscope.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointerTest {

    @TempDir
    Path dir;

    private final CheckpointKey key = CheckpointKey.generate();

    @Test
    void sends_each_checkpoint_to_the_witness_and_retries_when_it_fails() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        int[] calls = {0};
        HttpServer witness = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        witness.createContext("/checkpoints", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            // The first attempt fails: the checkpoint must arrive anyway.
            int status = calls[0]++ == 0 ? 503 : 204;
            if (status == 204) {
                received.add(new String(body, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        witness.start();
        try (AuditStore store = AuditStore.open(AuditFixtures.settings(dir, 1 << 20), Optional.of(key),
                Duration.ofHours(1), URI.create("http://127.0.0.1:" + witness.getAddress().getPort() + "/checkpoints"),
                Clock.systemUTC())) {
            store.trail().record(AuditFixtures.search("alice", "q"));
            // The background checkpointer may sign this record first; either way one checkpoint covers it.
            store.checkpoint();
            String checkpoint = received.poll(15, TimeUnit.SECONDS);
            assertThat(checkpoint).isNotNull();
            assertThat(Files.readAllLines(dir.resolve(ChainFormat.CHECKPOINTS))).containsExactly(checkpoint);
            SignedLine.Parts parts = SignedLine.split(checkpoint.getBytes(StandardCharsets.UTF_8)).orElseThrow();
            assertThat(CheckpointKey.verify(key.publicKey(), parts.body(), parts.signature())).isTrue();
        } finally {
            witness.stop(0);
        }
    }

    @Test
    void writes_no_checkpoint_when_nothing_happened_since_the_last() throws Exception {
        try (AuditStore store = AuditFixtures.store(dir, 1 << 20, key)) {
            store.trail().record(AuditFixtures.search("alice", "q"));
            // The background checkpointer may sign this record first; either way exactly one checkpoint covers it.
            store.checkpoint();
            assertThat(store.checkpoint()).isFalse();
        }
        List<String> lines = Files.readAllLines(dir.resolve(ChainFormat.CHECKPOINTS));
        assertThat(lines).hasSize(1);
    }

    @Test
    void a_generated_key_is_stored_with_its_public_half_and_loads_again() throws Exception {
        Path file = dir.resolve("keys").resolve("signing.pem");
        CheckpointKey generated = CheckpointKey.loadOrGenerate(file, true).orElseThrow();
        CheckpointKey loaded = CheckpointKey.loadOrGenerate(file, false).orElseThrow();
        assertThat(loaded.id()).isEqualTo(generated.id());
        assertThat(CheckpointKey.readPublicKey(file)).isEqualTo(generated.publicKey());
        assertThat(CheckpointKey.loadOrGenerate(dir.resolve("absent.pem"), false)).isEmpty();
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }
}
