package dev.periscope.logs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogsBenchCommandTest {

    @Test
    void is_selected_by_bench_logs_and_rejects_unknown_options_with_usage() {
        LogsBenchCommand command = new LogsBenchCommand(Object.class);
        assertThat(command.words()).containsExactly("bench", "logs");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.run(List.of("--frobnicate"), new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --frobnicate").contains("usage");
    }
}
