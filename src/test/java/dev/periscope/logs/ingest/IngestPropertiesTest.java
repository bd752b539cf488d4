package dev.periscope.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class IngestPropertiesTest {

    private static IngestProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("periscope.ingest", IngestProperties.class);
    }

    @Test
    void times_without_a_zone_are_read_as_utc_unless_a_default_zone_is_set() {
        assertThat(bind(Map.of()).defaultZone().normalized()).isEqualTo(ZoneOffset.UTC);
        assertThat(bind(Map.of("periscope.ingest.default-zone", "Europe/Berlin")).defaultZone())
                .isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(bind(Map.of("periscope.ingest.default-zone", "+01:00")).defaultZone())
                .isEqualTo(ZoneOffset.ofHours(1));
        assertThat(bind(Map.of("periscope.ingest.batch-size", "7")).batchSize()).isEqualTo(7);
    }
}
