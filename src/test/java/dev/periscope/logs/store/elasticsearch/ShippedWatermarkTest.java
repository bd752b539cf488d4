package dev.periscope.logs.store.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedWatermarkTest {

    @TempDir
    Path temp;

    @Test
    void a_kept_time_is_read_back_after_a_restart() {
        Path file = temp.resolve("state/shipped");
        new ShippedWatermark(file).save(Instant.parse("2026-11-23T03:30:00.123Z"));

        assertThat(new ShippedWatermark(file).load()).isEqualTo(Instant.parse("2026-11-23T03:30:00.123Z"));
    }

    @Test
    void no_file_means_shipping_from_the_start() {
        assertThat(new ShippedWatermark(temp.resolve("missing")).load()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void a_damaged_file_means_shipping_from_the_start_not_a_failure() throws Exception {
        Path file = temp.resolve("shipped");
        Files.writeString(file, "not a time");

        assertThat(new ShippedWatermark(file).load()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void a_file_that_cannot_be_written_leaves_the_previous_time() throws Exception {
        Path blocker = Files.writeString(temp.resolve("blocker"), "a file where a directory should be");
        ShippedWatermark watermark = new ShippedWatermark(blocker.resolve("shipped"));

        watermark.save(Instant.parse("2026-11-23T03:30:00Z"));

        assertThat(watermark.load()).isEqualTo(Instant.EPOCH);
    }
}
