package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleRepositoryTest {

    private static final String ONE_RULE = """
            category: pii
            rules:
              - id: employee-id
                detector:
                  pattern: 'EMP-\\d{6}'
                  keywords: [emp-]
            """;

    private static final String TWO_RULES = ONE_RULE + """
              - id: badge
                detector:
                  pattern: 'BADGE-\\d{4}'
                  keywords: [badge-]
            """;

    @Test
    void reloads_rules_when_a_file_changes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("custom.yaml"), ONE_RULE);
        try (RuleRepository repo = new RuleRepository(dir, new RuleLoader(MaskingFixtures.validators()))) {
            repo.startWatching();
            long before = repo.generation();
            Files.writeString(dir.resolve("custom.yaml"), TWO_RULES);
            await(() -> repo.generation() > before);
            assertThat(repo.current().ruleSet.rules()).extracting(MaskingRule::id)
                    .containsExactly("employee-id", "badge");
        }
    }

    @Test
    void tells_its_listener_about_every_reload_and_every_refusal(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("custom.yaml"), ONE_RULE);
        java.util.List<RulesReloaded> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RuleRepository repo = new RuleRepository(dir, new RuleLoader(MaskingFixtures.validators()))) {
            repo.onReload(told::add);
            Files.writeString(dir.resolve("custom.yaml"), TWO_RULES);
            repo.reload();
            Files.writeString(dir.resolve("custom.yaml"), ONE_RULE + "  - id: [broken\n");
            repo.reload();
        }
        assertThat(told).hasSize(2);
        assertThat(told.get(0).rules()).isEqualTo(2);
        assertThat(told.get(0).refusedBecause()).isEmpty();
        assertThat(told.get(1).rules()).isEqualTo(2);
        assertThat(told.get(1).refusedBecause()).hasValueSatisfying(r -> assertThat(r).contains("custom.yaml"));
    }

    @Test
    void keeps_the_rules_in_force_when_a_changed_file_is_broken(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("custom.yaml"), ONE_RULE);
        try (RuleRepository repo = new RuleRepository(dir, new RuleLoader(MaskingFixtures.validators()))) {
            repo.startWatching();
            CompiledRules inForce = repo.current();
            Files.writeString(dir.resolve("custom.yaml"), ONE_RULE + "  - id: [broken\n");
            await(() -> repo.lastError().isPresent());
            assertThat(repo.current()).isSameAs(inForce);
            assertThat(repo.lastError().orElseThrow().file()).isEqualTo("custom.yaml");
            assertThat(repo.lastError().orElseThrow().line()).isBetween(7, 8);

            Files.writeString(dir.resolve("custom.yaml"), TWO_RULES);
            await(() -> repo.lastError().isEmpty());
            assertThat(repo.current().ruleSet.rules()).hasSize(2);
        }
    }

    @Test
    void refuses_to_start_without_a_readable_rule_set(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "rules: {not: a list}\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new RuleRepository(dir, new RuleLoader(MaskingFixtures.validators())))
                .isInstanceOf(RuleLoadException.class).hasMessageContaining("a.yaml:1");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
