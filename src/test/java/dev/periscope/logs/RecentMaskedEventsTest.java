package dev.periscope.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.audit.RecordingAuditTrail;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.lucene.LuceneLogStore;
import dev.periscope.logs.store.lucene.LuceneLogStoreProperties;
import dev.periscope.masking.FakeMasker;
import dev.periscope.masking.MaskedFields;
import dev.periscope.masking.MaskedText;
import dev.periscope.masking.Masker;
import dev.periscope.masking.MaskingContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pages read again are answered from what their events masked to, on the masker's terms only. */
class RecentMaskedEventsTest {

    @TempDir
    Path dir;
    LuceneLogStore store;
    RecordingAuditTrail audit = new RecordingAuditTrail();
    CountingMasker masker = new CountingMasker();
    LogService service;

    @BeforeEach
    void setUp() {
        store = new LuceneLogStore(dir, LuceneLogStoreProperties.defaults(), LogServiceTest.CLOCK);
        for (int i = 0; i < 20; i++) {
            add(i + 1, "order " + i + " by jane.doe@example.com", Map.of("user.email", "u" + i + "@example.com"));
        }
        service = new LogService(store, masker, audit, LogsProperties.defaults(), LogQueryValueResolver.identity(),
                LogServiceTest.CLOCK);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    @Test
    void a_page_read_again_is_answered_from_memory_with_the_same_masked_events_and_audited_hits() {
        LogPage first = search(LogServiceTest.EVERYTHING);
        int masked = masker.texts.get();
        LogPage again = search(LogServiceTest.EVERYTHING);

        assertThat(masker.texts.get()).as("only the query, for the audit record").isEqualTo(masked + 1);
        assertThat(again.events()).isEqualTo(first.events());
        assertThat(again.events().getFirst().message().text()).isEqualTo("order 19 by <email>");
        assertThat(audit.outcomeOfLast().rulesFired()).containsEntry("email", 20L).containsEntry("email-field", 20L);
    }

    @Test
    void new_rules_mask_every_event_again() {
        search(LogServiceTest.EVERYTHING);
        int masked = masker.texts.get();
        masker.stamp = new Object();
        search(LogServiceTest.EVERYTHING);
        assertThat(masker.texts.get()).isEqualTo(2 * masked);
    }

    @Test
    void a_reader_with_exemptions_is_never_answered_from_memory_nor_leaves_anything_in_it() {
        LogAccess exempt = new LogAccess(LogServiceTest.ALICE, LogScope.everything(), Set.of("personal"),
                Optional.of("grant-1"), "incident");
        search(exempt);
        int masked = masker.texts.get();
        search(exempt);
        assertThat(masker.texts.get()).isEqualTo(2 * masked);
        search(LogServiceTest.EVERYTHING);
        assertThat(masker.texts.get()).isEqualTo(3 * masked);
    }

    @Test
    void the_key_of_an_event_covers_its_message_fields_level_and_source_so_changed_content_is_a_miss() {
        RecentMaskedEvents memory = RecentMaskedEvents.forMasker(masker, System::nanoTime);
        LogEvent original = event(1, "payment by jane.doe@example.com", Map.of("user.email", "a@example.com"));
        MaskedLogEvent masked = search(LogServiceTest.EVERYTHING).events().getLast();
        memory.put(masker.stamp, original, masked);

        assertThat(memory.get(masker.stamp, original)).isSameAs(masked);
        assertThat(memory.get(masker.stamp, event(1, "payment by john.roe@example.com",
                Map.of("user.email", "a@example.com")))).isNull();
        assertThat(memory.get(masker.stamp, event(1, "payment by jane.doe@example.com",
                Map.of("user.email", "b@example.com")))).isNull();
        assertThat(memory.get(masker.stamp, new LogEvent(original.id(), original.timestamp(), original.service(),
                "ERROR", original.message(), original.fields(), original.source(), original.line(),
                original.offset(), false))).isNull();
        assertThat(memory.get(masker.stamp, new LogEvent(original.id(), original.timestamp(), original.service(),
                original.level(), original.message(), original.fields(), "elsewhere.log", original.line(),
                original.offset(), false))).isNull();
        assertThat(memory.get(new Object(), original)).isNull();
    }

    @Test
    void a_withheld_event_is_masked_again_at_the_next_read() {
        add(99, "BOOM secret", Map.of());
        search(LogServiceTest.EVERYTHING);
        int failures = masker.failures.get();
        assertThat(failures).isPositive();
        LogPage again = search(LogServiceTest.EVERYTHING);
        assertThat(masker.failures.get()).isGreaterThan(failures);
        assertThat(again.events().getFirst().message().text()).startsWith("[withheld");
        assertThat(audit.outcomeOfLast().withheld()).isEqualTo(1);
    }

    @Test
    void a_masker_that_lets_nothing_be_kept_masks_every_read() {
        masker.reusable = false;
        LogService noReuse = new LogService(store, masker, audit, LogsProperties.defaults(),
                LogQueryValueResolver.identity(), LogServiceTest.CLOCK);
        noReuse.search(LogServiceTest.EVERYTHING, query(""), 100, LogOrder.NEWEST_FIRST, Optional.empty(),
                noReuse.newControl());
        int masked = masker.texts.get();
        noReuse.search(LogServiceTest.EVERYTHING, query(""), 100, LogOrder.NEWEST_FIRST, Optional.empty(),
                noReuse.newControl());
        assertThat(masker.texts.get()).isEqualTo(2 * masked);
    }

    private LogPage search(LogAccess access) {
        return service.search(access, query(""), 100, LogOrder.NEWEST_FIRST, Optional.empty(), service.newControl());
    }

    private static LogQuery query(String text) {
        return new LogQuery(text, LogServiceTest.T0, LogServiceTest.T0.plusSeconds(3600));
    }

    private void add(long id, String message, Map<String, String> fields) {
        store.add(List.of(event(id, message, fields)));
        store.refresh();
    }

    private static LogEvent event(long id, String message, Map<String, String> fields) {
        return new LogEvent(LogEvent.idOf(id), LogServiceTest.T0.toEpochMilli() + id * 1000L, "checkout", "INFO",
                message, fields, "checkout.log", id, id * 100L, false);
    }

    /** The test engine, counting what it masks, and letting results be kept under a stamp the test can change. */
    static final class CountingMasker implements Masker {
        final FakeMasker engine = new FakeMasker();
        final AtomicInteger texts = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        volatile Object stamp = new Object();
        volatile boolean reusable = true;

        @Override
        public MaskedText mask(MaskingContext context, String raw) {
            texts.incrementAndGet();
            if (raw.contains("BOOM")) {
                failures.incrementAndGet();
            }
            return engine.mask(context, raw);
        }

        @Override
        public MaskedFields mask(MaskingContext context, Map<String, String> rawFields) {
            return engine.mask(context, rawFields);
        }

        @Override
        public Optional<Reuse> reuse() {
            return reusable ? Optional.of(new Reuse(stamp, Duration.ofMinutes(5))) : Optional.empty();
        }
    }
}
