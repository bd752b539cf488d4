package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MaskingLogConverterTest {

    private static LoggingEvent event(String format, Object... args) {
        LoggerContext context = new LoggerContext();
        return new LoggingEvent("test", context.getLogger("dev.periscope.logs.LogService"), Level.INFO, format, null, args);
    }

    @AfterEach
    void uninstall() {
        MaskingLogConverter.install(null);
    }

    @Test
    void writes_the_portals_own_log_messages_masked() {
        MaskingLogConverter.install(MaskingFixtures.service(new FastEngine()));
        String out = new MaskingLogConverter().convert(event("search by {} with password={}", "jane.doe@example.com",
                "hunter2hunter2"));
        assertThat(out).doesNotContain("jane.doe").doesNotContain("hunter2").contains("[REDACTED:password]");
    }

    @Test
    void withholds_messages_that_could_hold_data_before_masking_starts() {
        assertThat(new MaskingLogConverter().convert(event("Starting application"))).isEqualTo("Starting application");
        assertThat(new MaskingLogConverter().convert(event("user {}", "jane.doe@example.com")))
                .isEqualTo(MaskingLogConverter.NOT_READY);
    }

    @Test
    void keeps_the_frameworks_start_up_messages_before_masking_starts() {
        assertThat(MaskingLogConverter.mask("org.springframework.boot.tomcat.TomcatWebServer",
                "Tomcat started on port 8080")).isEqualTo("Tomcat started on port 8080");
        assertThat(MaskingLogConverter.mask("dev.periscope.logs.ingest.FileIngester", "line 12: a=b"))
                .isEqualTo(MaskingLogConverter.NOT_READY);
    }
}
