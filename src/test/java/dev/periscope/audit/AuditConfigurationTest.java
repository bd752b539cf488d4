package dev.periscope.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class AuditConfigurationTest {

    @TempDir
    Path data;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AuditProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, AuditConfiguration.class);

    @Test
    void provides_a_durable_trail_under_the_data_directory_and_generates_a_demo_key() {
        runner.withPropertyValues("periscope.data.directory=" + data, "periscope.audit.generate-signing-key=true")
                .run(context -> {
                    AuditTrail trail = context.getBean(AuditTrail.class);
                    trail.record(AuditFixtures.search("alice", "login"));
                    assertThat(data.resolve("audit").resolve(ChainFormat.segmentName(1))).exists();
                    assertThat(data.resolve("audit-signing-key.pem")).exists();
                    assertThat(context.getBean(AuditHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
                    assertThat(context.getBean(AuditSearch.class).search(AuditQuery.all(10).withUser("alice"))
                            .totalHits()).isEqualTo(1);
                    AuditIntegrity integrity = context.getBean(AuditIntegrity.class);
                    assertThat(integrity.checkpointsEnabled()).isTrue();
                    assertThat(integrity.verifyNow().intact()).isTrue();
                    assertThat(integrity.lastVerification()).isPresent();
                    assertThat(context.getBean(AuditHealthIndicator.class).health().getDetails())
                            .containsKey("lastVerification");
                });
        AuditVerification result = new AuditVerifier(data.resolve("audit"), Optional.empty()).verify();
        assertThat(result.tamper()).isEmpty();
        assertThat(result.checkpoints()).isEqualTo(1);
    }

    @Test
    void binds_every_setting() {
        runner.withPropertyValues("periscope.audit.directory=" + data.resolve("elsewhere"),
                        "periscope.audit.segment-max-size=1MB", "periscope.audit.segment-max-age=2h",
                        "periscope.audit.retention=400d", "periscope.audit.durable-timeout=2s",
                        "periscope.audit.checkpoint-interval=30s", "periscope.audit.verify-interval=0s",
                        "periscope.audit.signing-key-file=" + data.resolve("k.pem"),
                        "periscope.audit.witness-url=http://localhost:1/witness")
                .run(context -> {
                    AuditProperties properties = context.getBean(AuditProperties.class);
                    assertThat(properties.segmentMaxSize().toBytes()).isEqualTo(1 << 20);
                    assertThat(properties.retention().toDays()).isEqualTo(400);
                    assertThat(properties.verifyInterval()).isZero();
                    assertThat(properties.generateSigningKey()).isFalse();
                    assertThat(properties.witnessUrl()).hasToString("http://localhost:1/witness");
                    assertThat(Files.exists(data.resolve("k.pem"))).isFalse();
                });
    }

    @Test
    void reports_down_when_the_trail_cannot_write() throws Exception {
        Path occupied = Files.writeString(data.resolve("occupied"), "not a directory");
        runner.withPropertyValues("periscope.audit.directory=" + occupied,
                        "periscope.audit.signing-key-file=" + data.resolve("k.pem"))
                .run(context -> assertThat(context.getBean(AuditHealthIndicator.class).health().getStatus())
                        .isEqualTo(Status.DOWN));
    }
}
