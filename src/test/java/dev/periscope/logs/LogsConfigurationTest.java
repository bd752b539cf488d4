package dev.periscope.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.audit.AuditTrail;
import dev.periscope.audit.RecordingAuditTrail;
import dev.periscope.logs.ingest.FileIngester;
import dev.periscope.logs.ingest.IngestProperties;
import dev.periscope.logs.store.LogStore;
import dev.periscope.logs.store.lucene.LuceneLogStore;
import dev.periscope.logs.store.lucene.LuceneLogStoreProperties;
import dev.periscope.masking.FakeMasker;
import dev.periscope.masking.Masker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class LogsConfigurationTest {

    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({LogsProperties.class, LogsDataProperties.class, LuceneLogStoreProperties.class,
        IngestProperties.class})
    static class Seams {
        @Bean
        Masker masker() {
            return new FakeMasker();
        }

        @Bean
        AuditTrail auditTrail() {
            return new RecordingAuditTrail();
        }
    }

    ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(Seams.class, LogsConfiguration.class)
                .withPropertyValues("periscope.data.directory=" + dir.resolve("data"),
                        "periscope.ingest.directory=" + dir.resolve("ingest"));
    }

    @Test
    void selects_the_embedded_lucene_store_by_default_with_its_index_under_the_data_directory() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(LogService.class).hasSingleBean(FileIngester.class);
            assertThat(context.getBean(LogStore.class)).isInstanceOf(LuceneLogStore.class);
            assertThat(Files.isDirectory(dir.resolve("data").resolve("logs"))).isTrue();
            assertThat(context.getBean(FileIngester.class).ingestStatus().directory())
                    .isEqualTo(dir.resolve("ingest").toAbsolutePath().normalize().toString());
        });
    }

    @Test
    void ingest_can_be_switched_off() {
        runner().withPropertyValues("periscope.ingest.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(FileIngester.class).hasSingleBean(LogService.class));
    }
}
