package dev.periscope.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyStoreTest {

    @TempDir
    Path dir;

    @Test
    void a_broken_file_is_refused_and_the_policy_in_force_stays() throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, "roles:\n  ONCALL:\n    logs:\n      services: [web]\n");
        List<PolicyStore.Status> reloads = new CopyOnWriteArrayList<>();
        try (PolicyStore store = PolicyStore.watching(file, Clock.systemUTC(), reloads::add)) {
            assertThat(store.current().role("ONCALL").logServices().allows("web")).isTrue();

            Files.writeString(file, "roles:\n  ONCALL:\n    logs:\n      services: [web\n");
            assertThat(store.reload()).isFalse();

            assertThat(store.current().role("ONCALL").logServices().allows("web")).isTrue();
            assertThat(store.status().lastError()).hasValueSatisfying(e -> assertThat(e).contains("policy.yaml"));
        }
    }

    @Test
    void every_load_and_every_refused_reload_is_recorded_in_the_audit_trail() throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, "roles:\n  ONCALL:\n    logs:\n      services: [web]\n");
        dev.periscope.audit.RecordingAuditTrail audit = new dev.periscope.audit.RecordingAuditTrail();
        var provider = new org.springframework.beans.factory.support.StaticListableBeanFactory(
                java.util.Map.of("audit", audit)).getBeanProvider(dev.periscope.audit.AuditTrail.class);
        try (PolicyStore store = PolicyStore.watching(file, Clock.systemUTC(),
                status -> AccessConfiguration.recordReload(provider, status))) {
            Files.writeString(file, "roles:\n  ONCALL:\n    logs:\n      services: [web\n");
            store.reload();
        }

        assertThat(audit.recorded).extracting(dev.periscope.audit.AuditEntry::action)
                .containsOnly("config.policy.reload").hasSizeGreaterThanOrEqualTo(2);
        assertThat(audit.recorded.getFirst().decision()).isEqualTo(dev.periscope.audit.AuditEntry.Decision.ALLOWED);
        assertThat(audit.recorded.getLast().decision()).isEqualTo(dev.periscope.audit.AuditEntry.Decision.DENIED);
        assertThat(audit.recorded.getLast().reason()).contains("policy in force stays");
    }

    @Test
    void an_edited_file_is_picked_up_without_a_restart() throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, "roles:\n  ONCALL:\n    logs:\n      services: [web]\n");
        try (PolicyStore store = PolicyStore.watching(file, Clock.systemUTC(), s -> { })) {
            Files.writeString(file, "roles:\n  ONCALL:\n    logs:\n      services: [web, api]\n");

            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!store.current().role("ONCALL").logServices().allows("api") && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(store.current().role("ONCALL").logServices().allows("api")).isTrue();
        }
    }

    @Test
    void a_missing_file_at_start_denies_everything() {
        try (PolicyStore store = PolicyStore.watching(dir.resolve("absent.yaml"), Clock.systemUTC(), s -> { })) {
            assertThat(store.current()).isSameAs(AccessPolicy.DENY_ALL);
            assertThat(store.status().lastError()).isPresent();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
