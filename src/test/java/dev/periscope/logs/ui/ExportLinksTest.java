package dev.periscope.logs.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.logs.LogExportResult;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExportLinksTest {

    @Test
    void an_export_that_stopped_early_is_announced_as_incomplete_not_as_done() {
        String why = "Export incomplete: it stopped after 1000 rows because the log store failed. Try again shortly.";

        assertThat(ExportLinks.message(new LogExportResult(1000, 5000, false, 0, Optional.of(why)))).isEqualTo(why);
        assertThat(ExportLinks.message(new LogExportResult(1000, 5000, true, 0, Optional.empty())))
                .startsWith("Exported the first 1000 events");
        assertThat(ExportLinks.message(new LogExportResult(12, 500, false, 0, Optional.empty())))
                .isEqualTo("Exported 12 events.");
    }
}
