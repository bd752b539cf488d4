package dev.periscope.base;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {

    @Test
    void writes_one_json_line_and_never_a_raw_message_before_masking_is_up() {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.periscope.logs.LogService"), Level.ERROR,
                "lookup failed for alice@example.com", new IllegalStateException("user=alice@example.com"), null);
        event.setTimeStamp(0);
        event.setThreadName("main");

        String line = new JsonLogFormatter().format(event);

        assertThat(line).startsWith("{\"@timestamp\":\"1970-01-01T00:00:00Z\"").endsWith("}\n").hasLineCount(1);
        assertThat(line).contains("\"log.level\":\"ERROR\"").contains("\"error.type\":\"java.lang.IllegalStateException\"");
        assertThat(line).doesNotContain("alice@example.com");
    }
}
