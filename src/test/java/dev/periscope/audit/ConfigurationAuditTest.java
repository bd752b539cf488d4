package dev.periscope.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ConfigurationAuditTest {

    @Test
    void a_start_is_recorded_with_setting_hashes_and_never_a_value() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles("demo");
        environment.getPropertySources().addFirst(new MapPropertySource("test", java.util.Map.of(
                "periscope.data.directory", "/var/lib/periscope",
                "periscope.security.oidc.client-secret", "demo-secret-not-real",
                "PERISCOPE_MASKING_TOKENKEYS", "k1:ZmFrZQ==",
                "server.port", "8080")));
        RecordingAuditTrail trail = new RecordingAuditTrail();

        new ConfigurationAudit(trail, environment).recordStart();

        AuditEntry entry = trail.recorded.getFirst();
        assertThat(entry.action()).isEqualTo("config.start");
        assertThat(entry.maskedQuery()).contains("profiles=demo", "fingerprint=");
        assertThat(entry.reason())
                .contains("periscope.data.directory=", "periscope.security.oidc.client-secret=set",
                        "periscope.masking.tokenkeys=set")
                .doesNotContain("/var/lib/periscope", "demo-secret-not-real", "ZmFrZQ", "server.port");
    }

    @Test
    void a_changed_setting_changes_its_hash_and_the_fingerprint() {
        StandardEnvironment first = environmentWith("/data/one");
        StandardEnvironment second = environmentWith("/data/two");
        RecordingAuditTrail trail = new RecordingAuditTrail();

        new ConfigurationAudit(trail, first).recordStart();
        new ConfigurationAudit(trail, second).recordStart();

        assertThat(trail.recorded.get(0).maskedQuery()).isNotEqualTo(trail.recorded.get(1).maskedQuery());
        assertThat(trail.recorded.get(0).reason()).isNotEqualTo(trail.recorded.get(1).reason());
    }

    private static StandardEnvironment environmentWith(String directory) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test",
                java.util.Map.of("periscope.data.directory", directory)));
        return environment;
    }
}
