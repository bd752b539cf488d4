package dev.periscope.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void a_cut_inside_a_utf8_sequence_moves_back_to_its_first_byte() {
        byte[] bytes = ("ab" + "\uD83D\uDE00" + "cd").getBytes(StandardCharsets.UTF_8); // a four-byte emoji at 2

        for (int max = 3; max <= 5; max++) {
            assertThat(Text.utf8Boundary(bytes, 0, max)).as("cut at %d", max).isEqualTo(2);
        }
        assertThat(Text.utf8Boundary(bytes, 0, 6)).isEqualTo(6);
        assertThat(Text.utf8Boundary(bytes, 1, 2)).as("from an offset").isEqualTo(1);
    }

    @Test
    void a_cut_in_a_run_of_continuation_bytes_moves_back_at_most_three_and_otherwise_keeps_the_limit() {
        byte[] binary = new byte[1 << 20];
        Arrays.fill(binary, (byte) 0x80);

        assertThat(Text.utf8Boundary(binary, 0, 1000)).isEqualTo(1000);
        binary[998] = (byte) 0xF0;
        assertThat(Text.utf8Boundary(binary, 0, 1000)).isEqualTo(998);
    }
}
