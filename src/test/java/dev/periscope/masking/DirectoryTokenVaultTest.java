package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTokenVaultTest {

    private final Tokenizer tokenizer = new Tokenizer(List.of(MaskingFixtures.TEST_KEY), 8);

    @Test
    void two_portal_instances_on_the_same_store_see_each_others_tokens(@TempDir Path shared) {
        // Two replicas: separate engines and vault objects, one shared directory.
        DirectoryTokenVault vaultA = new DirectoryTokenVault(shared, tokenizer, Duration.ofDays(1), Clock.systemUTC());
        DirectoryTokenVault vaultB = new DirectoryTokenVault(shared, tokenizer, Duration.ofDays(1), Clock.systemUTC());
        MaskingService replicaA = MaskingFixtures.service(new FastEngine(), vaultA);
        MaskingService replicaB = MaskingFixtures.service(new FastEngine(), vaultB);

        String maskedOnA = replicaA.mask(MaskingContext.strict("orders"), "customer jane.doe@example.com").text();
        String token = MaskingService.tokensIn(maskedOnA).getFirst();
        assertThat(replicaB.resolveForSearch(token)).containsExactly("jane.doe@example.com");

        String maskedOnB = replicaB.mask(MaskingContext.strict("billing"), "card holder bob@example.org").text();
        assertThat(replicaA.reveal(MaskingService.tokensIn(maskedOnB).getFirst())).containsExactly("bob@example.org");
    }

    @Test
    void keeps_entries_encrypted_at_rest(@TempDir Path dir) throws Exception {
        DirectoryTokenVault vault = new DirectoryTokenVault(dir, tokenizer, Duration.ofDays(1), Clock.systemUTC());
        vault.remember("‹email:0011aabb›", "jane.doe@example.com");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(content).doesNotContain("jane").doesNotContain("0011aabb");
                assertThat(f.toString()).doesNotContain("jane").doesNotContain("0011aabb");
            }
        }
        // Another key cannot read it.
        Tokenizer other = new Tokenizer(List.of(new Tokenizer.TokenKey("test-1",
                "another-key-another-key-another-key!".getBytes(StandardCharsets.UTF_8))), 8);
        assertThat(new DirectoryTokenVault(dir, other, Duration.ofDays(1), Clock.systemUTC())
                .resolve("‹email:0011aabb›")).isEmpty();
    }

    @Test
    void forgets_entries_after_their_time_to_live(@TempDir Path dir) {
        MutableClock clock = new MutableClock();
        DirectoryTokenVault vault = new DirectoryTokenVault(dir, tokenizer, Duration.ofHours(1), clock);
        vault.remember("‹ip:01020304›", "203.0.113.9");
        assertThat(vault.resolve("‹ip:01020304›")).containsExactly("203.0.113.9");
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertThat(vault.resolve("‹ip:01020304›")).isEmpty();
        assertThat(vault.sweep()).isZero();
    }

    @Test
    void a_value_still_seen_is_written_again_once_half_its_life_is_gone_and_stays_resolvable(@TempDir Path dir) {
        MutableClock clock = new MutableClock();
        DirectoryTokenVault vault = new DirectoryTokenVault(dir, tokenizer, Duration.ofHours(1), clock);
        vault.remember("‹ip:01020304›", "203.0.113.9");
        clock.now = clock.now.plus(Duration.ofMinutes(20));
        vault.remember("‹ip:01020304›", "203.0.113.9"); // recent: not written again
        clock.now = clock.now.plus(Duration.ofMinutes(20));
        vault.remember("‹ip:01020304›", "203.0.113.9"); // 40 minutes in: written again, for another hour

        clock.now = clock.now.plus(Duration.ofMinutes(50));
        assertThat(vault.resolve("‹ip:01020304›")).as("90 minutes after the first write").containsExactly("203.0.113.9");
        clock.now = clock.now.plus(Duration.ofMinutes(20));
        assertThat(vault.resolve("‹ip:01020304›")).isEmpty();
    }

    @Test
    void the_scheduled_sweep_deletes_entries_once_the_clock_passes_their_time_to_live(@TempDir Path dir)
            throws Exception {
        MutableClock clock = new MutableClock();
        DirectoryTokenVault vault = new DirectoryTokenVault(dir, tokenizer, Duration.ofHours(1), clock);
        vault.remember("‹ip:01020304›", "203.0.113.9");
        try (TokenVaultSweeper sweeper = new TokenVaultSweeper(vault, Duration.ofMillis(20))) {
            // Several sweeps run while the entry is alive, and keep it.
            Thread.sleep(100);
            assertThat(entryFiles(dir)).hasSize(1);
            clock.now = clock.now.plus(Duration.ofMinutes(61));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (entryFiles(dir).size() == 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(entryFiles(dir)).as("expired entry deleted by the scheduled sweep, without any read").isEmpty();
        }
    }

    @Test
    void the_sweep_passes_over_files_it_cannot_read_and_still_deletes_expired_entries(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock();
        DirectoryTokenVault vault = new DirectoryTokenVault(dir, tokenizer, Duration.ofHours(1), clock);
        vault.remember("‹ip:01020304›", "203.0.113.9");
        try (TokenVaultSweeper sweeper = new TokenVaultSweeper(vault, Duration.ofDays(1))) {
            Files.writeString(dir.resolve("broken.tv"), "not an entry");
            sweeper.sweepOnce();
            clock.now = clock.now.plus(Duration.ofHours(2));
            sweeper.sweepOnce();
            assertThat(entryFiles(dir)).extracting(p -> p.getFileName().toString()).containsExactly("broken.tv");
        }
    }

    private static List<Path> entryFiles(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".tv")).toList();
        }
    }

    @Test
    void still_opens_entries_written_under_a_rotated_key(@TempDir Path dir) {
        Tokenizer.TokenKey newKey = new Tokenizer.TokenKey("test-2",
                "periscope-test-key-rotated-0123456789".getBytes(StandardCharsets.UTF_8));
        new DirectoryTokenVault(dir, tokenizer, Duration.ofDays(1), Clock.systemUTC())
                .remember("‹email:0011aabb›", "jane.doe@example.com");
        Tokenizer rotated = new Tokenizer(List.of(newKey, MaskingFixtures.TEST_KEY), 8);
        assertThat(new DirectoryTokenVault(dir, rotated, Duration.ofDays(1), Clock.systemUTC())
                .resolve("‹email:0011aabb›")).containsExactly("jane.doe@example.com");
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
