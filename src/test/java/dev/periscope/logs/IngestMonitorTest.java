package dev.periscope.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.lucene.LuceneLogStore;
import dev.periscope.logs.store.lucene.LuceneLogStoreProperties;
import dev.periscope.security.CurrentUser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class IngestMonitorTest {

    static final CurrentUser ADMIN = new CurrentUser("root", "Root", List.of("ADMIN"));
    static final CurrentUser DEVELOPER = new CurrentUser("dev", "Dev", List.of("DEVELOPER"));

    @TempDir
    Path dir;

    @Test
    void shows_ingest_and_store_figures_to_administrators_only() throws Exception {
        IngestStatus status = new IngestStatus(true, "/var/log/app", List.of(new IngestStatus.FileStatus("a.log", 10, 30)),
                5, 10, 1, 0, 0, 0, 0, Optional.empty(), Optional.of(Instant.EPOCH), 20, 0);
        try (LuceneLogStore store = new LuceneLogStore(dir, LuceneLogStoreProperties.defaults(),
                LogServiceTest.CLOCK)) {
            store.add(List.of(new LogEvent(LogEvent.idOf(1), LogServiceTest.T0.toEpochMilli(), "checkout", "INFO",
                    "hello", java.util.Map.of(), "checkout.log", 1, 0, false)));
            store.commit("{}");
            StaticListableBeanFactory beans = new StaticListableBeanFactory();
            beans.addBean("ingest", (IngestStatus.Provider) () -> status);
            beans.addBean("store", store);
            IngestMonitor monitor = new IngestMonitor(beans.getBeanProvider(IngestStatus.Provider.class),
                    beans.getBeanProvider(LuceneLogStore.class), beans.getBeanProvider(LuceneLogStoreProperties.class));

            assertThat(monitor.ingest(ADMIN)).contains(status);
            assertThat(monitor.store(ADMIN)).hasValueSatisfying(s -> {
                assertThat(s.events()).isEqualTo(1);
                assertThat(s.sizeBytes()).isPositive();
                assertThat(s.retentionMaxAge()).isEqualTo(Duration.ofDays(7));
            });
            assertThatThrownBy(() -> monitor.ingest(DEVELOPER)).isInstanceOf(LogAccessDeniedException.class);
            assertThatThrownBy(() -> monitor.store(DEVELOPER)).isInstanceOf(LogAccessDeniedException.class);
        }
    }

    @Test
    void says_nothing_when_ingest_and_the_embedded_store_are_off() {
        StaticListableBeanFactory none = new StaticListableBeanFactory();
        IngestMonitor monitor = new IngestMonitor(none.getBeanProvider(IngestStatus.Provider.class),
                none.getBeanProvider(LuceneLogStore.class), none.getBeanProvider(LuceneLogStoreProperties.class));

        assertThat(monitor.ingest(ADMIN)).isEmpty();
        assertThat(monitor.store(ADMIN)).isEmpty();
    }
}
