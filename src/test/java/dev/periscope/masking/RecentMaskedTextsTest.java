package dev.periscope.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentMaskedTextsTest {

    private static final String LINE = "login ok for jane.doe@example.com from 203.0.113.9 after 2 attempts";
    private static final MaskingContext ORDERS = MaskingContext.strict("orders");

    private final AtomicInteger searches = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final FastEngine engine = new FastEngine();

    /** The engine, counting how often it is asked. */
    private final SpanFinder counting = (rules, text, active, deadline) -> {
        searches.incrementAndGet();
        return engine.find(rules, text, active, deadline);
    };

    private MaskingService service(java.util.function.Supplier<CompiledRules> rules, RecentMaskedTexts recent) {
        return new MaskingService(rules, counting, new Tokenizer(List.of(MaskingFixtures.TEST_KEY), 8), null,
                TimeUnit.SECONDS.toNanos(5), 4 << 20, recent);
    }

    private MaskingService service(RecentMaskedTexts recent) {
        CompiledRules rules = MaskingFixtures.shippedRules();
        return service(() -> rules, recent);
    }

    private RecentMaskedTexts recent(long maxChars) {
        return new RecentMaskedTexts(maxChars, Duration.ofMinutes(5), now::get);
    }

    @Test
    void a_text_read_again_is_answered_from_memory_without_running_the_engine() {
        MaskingService masking = service(recent(1 << 20));
        MaskedText first = masking.mask(ORDERS, LINE);
        MaskedText again = masking.mask(ORDERS, LINE);
        assertThat(first.text()).doesNotContain("jane.doe").doesNotContain("203.0.113.9");
        assertThat(again.text()).isEqualTo(first.text());
        assertThat(again.hits()).isEqualTo(first.hits());
        assertThat(searches).hasValue(1);
    }

    @Test
    void short_texts_are_remembered_only_when_nothing_in_them_was_masked() {
        MaskingService masking = service(recent(1 << 20));
        masking.mask(ORDERS, "bob@example.com");
        masking.mask(ORDERS, "bob@example.com");
        assertThat(searches).as("a short value with a hit is masked every time").hasValue(2);
        masking.mask(ORDERS, "GET /health 200");
        masking.mask(ORDERS, "GET /health 200");
        assertThat(searches).hasValue(3);
    }

    @Test
    void readers_with_exemptions_are_neither_answered_from_memory_nor_remembered() {
        MaskingService masking = service(recent(1 << 20));
        MaskingContext exempt = new MaskingContext("orders", Set.of("network"));
        MaskedText shown = masking.mask(exempt, LINE);
        assertThat(shown.text()).contains("203.0.113.9");
        masking.mask(exempt, LINE);
        assertThat(searches).hasValue(2);
        assertThat(masking.mask(ORDERS, LINE).text()).doesNotContain("203.0.113.9");
        assertThat(searches).hasValue(3);
    }

    @Test
    void each_service_has_its_own_answers() {
        MaskingService masking = service(recent(1 << 20));
        masking.mask(ORDERS, LINE);
        masking.mask(MaskingContext.strict("payments"), LINE);
        assertThat(searches).hasValue(2);
    }

    @Test
    void a_new_rule_set_starts_with_nothing_remembered() throws RuleLoadException {
        CompiledRules first = MaskingFixtures.shippedRules();
        CompiledRules reloaded = new CompiledRules(new RuleLoader(MaskingFixtures.validators())
                .load(MaskingFixtures.rulesDirectory()));
        AtomicInteger generation = new AtomicInteger();
        MaskingService masking = service(() -> generation.get() == 0 ? first : reloaded, recent(1 << 20));
        masking.mask(ORDERS, LINE);
        generation.set(1);
        masking.mask(ORDERS, LINE);
        masking.mask(ORDERS, LINE);
        assertThat(searches).hasValue(2);
    }

    @Test
    void an_answer_older_than_its_max_age_is_masked_again() {
        MaskingService masking = service(recent(1 << 20));
        masking.mask(ORDERS, LINE);
        now.addAndGet(Duration.ofMinutes(4).toNanos());
        masking.mask(ORDERS, LINE);
        assertThat(searches).hasValue(1);
        now.addAndGet(Duration.ofMinutes(2).toNanos());
        masking.mask(ORDERS, LINE);
        assertThat(searches).hasValue(2);
    }

    @Test
    void withheld_results_are_not_remembered() {
        CompiledRules rules = MaskingFixtures.shippedRules();
        AtomicInteger calls = new AtomicInteger();
        SpanFinder failingOnce = (r, text, active, deadline) -> {
            if (calls.incrementAndGet() == 1) {
                throw new MaskingBudgetExceededException();
            }
            return engine.find(r, text, active, deadline);
        };
        MaskingService masking = new MaskingService(() -> rules, failingOnce,
                new Tokenizer(List.of(MaskingFixtures.TEST_KEY), 8), null, TimeUnit.SECONDS.toNanos(5), 4 << 20,
                recent(1 << 20));
        assertThat(masking.mask(ORDERS, LINE).withheld()).isTrue();
        MaskedText retried = masking.mask(ORDERS, LINE);
        assertThat(retried.withheld()).isFalse();
        assertThat(retried.text()).doesNotContain("jane.doe");
    }

    @Test
    void the_memory_stays_within_its_bound_of_characters() {
        RecentMaskedTexts recent = recent(100_000);
        MaskingService masking = service(recent);
        for (int i = 0; i < 5_000; i++) {
            masking.mask(ORDERS, "request " + i + " served in 12 ms by the orders service on host web-3");
        }
        // Two generations of at most half the bound each; an entry counts its characters plus an overhead.
        assertThat(recent.size()).isLessThanOrEqualTo(100_000 / 2 / 64 + 1);
    }

    @Test
    void texts_longer_than_the_limit_are_masked_every_time() {
        MaskingService masking = service(recent(1 << 24));
        String huge = LINE + " " + "x".repeat(RecentMaskedTexts.MAX_TEXT_CHARS);
        masking.mask(ORDERS, huge);
        masking.mask(ORDERS, huge);
        assertThat(searches).hasValue(2);
    }

    @Test
    void a_max_age_longer_than_half_the_vaults_lifetime_is_refused() {
        assertThatThrownBy(() -> new MaskingProperties(null, null, null, null, null, null, null, null, null,
                new MaskingProperties.Vault(null, Duration.ofMinutes(8), null),
                new MaskingProperties.RecentResults(null, Duration.ofMinutes(5))))
                .hasMessageContaining("recent-results.max-age").hasMessageContaining("half the vault's ttl");
    }
}
