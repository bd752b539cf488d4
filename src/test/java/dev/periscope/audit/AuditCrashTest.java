package dev.periscope.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} under load loses no acknowledged record and leaves a chain that verifies and continues. */
class AuditCrashTest {

    private static final int THREADS = 20;
    private static final int KILL_AFTER_ACKS = 3_000;

    @TempDir
    Path dir;

    @Test
    void every_acknowledged_record_survives_a_kill_9_and_the_chain_verifies() throws Exception {
        Path audit = dir.resolve("audit");
        Path keyFile = dir.resolve("key.pem");
        CheckpointKey key = CheckpointKey.generate();
        key.store(keyFile);

        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(javaBinary, "-cp", classpath, AuditCrashChild.class.getName(),
                audit.toString(), keyFile.toString(), String.valueOf(THREADS))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        CountDownLatch enough = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("ACK ")) {
                        acknowledged.add(line.substring(4));
                        if (acknowledged.size() >= KILL_AFTER_ACKS) {
                            enough.countDown();
                        }
                    }
                }
            } catch (IOException e) {
                // The child is gone.
            }
        });
        boolean loaded = enough.await(60, TimeUnit.SECONDS);
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(10_000);
        assertThat(loaded).as("the child acknowledged %d reads", acknowledged.size()).isTrue();

        AuditVerification afterCrash = new AuditVerifier(audit, Optional.of(key.publicKey())).verify();
        Set<String> begun = ChainReader.ofType(ChainReader.records(audit), "begin").stream()
                .map(r -> r.path("id").asString()).collect(Collectors.toSet());
        System.out.printf("crash: %d reads acknowledged before SIGKILL, %d begin records on disk, warnings %s%n",
                acknowledged.size(), begun.size(), afterCrash.warnings());
        assertThat(afterCrash.tamper()).isEmpty();
        assertThat(begun).containsAll(acknowledged);

        try (AuditStore restarted = AuditStore.open(AuditFixtures.settings(audit, 64 * 1024), Optional.of(key),
                Duration.ofHours(1), null, Clock.systemUTC())) {
            restarted.trail().record(AuditFixtures.search("after", "restart"));
        }
        AuditVerification afterRestart = new AuditVerifier(audit, Optional.of(key.publicKey())).verify();
        assertThat(afterRestart.tamper()).isEmpty();
        assertThat(afterRestart.warnings()).noneMatch(w -> w.contains("incomplete record"));
        assertThat(List.copyOf(acknowledged)).isNotEmpty();
    }
}
