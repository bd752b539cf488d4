package dev.periscope.base;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class LogfmtLogFormatterTest {

    @Test
    void writes_one_logfmt_line_with_quoted_and_escaped_values() {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.periscope.logs.LogService"), Level.WARN,
                "slow query \"a\"\nsecond line", new IllegalStateException("boom"), null);
        event.setTimeStamp(0);
        event.setThreadName("main");

        String line = new LogfmtLogFormatter().format(event);

        assertThat(line).startsWith("time=1970-01-01T00:00:00Z level=WARN logger=LogService thread=\"main\"")
                .contains("msg=\"slow query \\\"a\\\"\\nsecond line\"")
                .contains("error=\"java.lang.IllegalStateException: boom\"")
                .endsWith("\n")
                .hasLineCount(1);
    }
}
