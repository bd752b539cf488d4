package dev.periscope.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.audit.RecordingAuditTrail;
import dev.periscope.base.ExportFormat;
import dev.periscope.logs.query.InvalidQueryException;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.lucene.LuceneLogStore;
import dev.periscope.logs.store.lucene.LuceneLogStoreProperties;
import dev.periscope.masking.FakeMasker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogServiceTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
    static final AuditEntry.Actor ALICE = new AuditEntry.Actor("alice", List.of("developer"), "s1", "192.0.2.1", "ua");
    static final LogAccess CHECKOUT_ONLY = LogAccess.of(ALICE,
            LogScope.services(List.of("checkout"), Duration.ofDays(1)));
    static final LogAccess EVERYTHING = LogAccess.of(ALICE, LogScope.everything());
    static final LogQuery LAST_HOUR = new LogQuery("", T0, T0.plusSeconds(3600));

    @org.junit.jupiter.api.io.TempDir
    Path dir;
    LuceneLogStore store;
    RecordingAuditTrail audit = new RecordingAuditTrail();
    LogService service;

    @BeforeEach
    void setUp() {
        store = new LuceneLogStore(dir, LuceneLogStoreProperties.defaults(), CLOCK);
        List<LogEvent> events = new ArrayList<>();
        String[] services = {"checkout", "payments", "admin"};
        for (int i = 0; i < 30; i++) {
            String svc = services[i % 3];
            events.add(new LogEvent(LogEvent.idOf(i + 1), T0.toEpochMilli() + i * 1000L, svc,
                    i % 5 == 0 ? "ERROR" : "INFO",
                    "order " + i + " by jane.doe@example.com card 4111 1111 1111 1111",
                    Map.of("user.email", "user" + (i % 4) + "@example.com", "order.id", "o-" + i),
                    svc + ".log", i + 1, i * 100L, false));
        }
        store.add(events);
        store.refresh();
        service = new LogService(store, new FakeMasker(), audit, LogsProperties.defaults(),
                LogQueryValueResolver.identity(), CLOCK);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    /** An access the guard keeps giving, unchanged, for as long as a read goes on. */
    static LiveAccess unchanging(LogAccess access) {
        return new LiveAccess(access, () -> Optional.of(access));
    }

    LogPage search(LogAccess access, String q) {
        return service.search(access, new LogQuery(q, T0, T0.plusSeconds(3600)), 100, LogOrder.NEWEST_FIRST,
                Optional.empty(), service.newControl());
    }

    @Test
    void search_returns_masked_events_and_audits_the_read_with_counts_and_rules() {
        LogPage page = search(EVERYTHING, "level:ERROR");
        assertThat(page.events()).hasSize(6);
        MaskedLogEvent first = page.events().getFirst();
        assertThat(first.message().text()).isEqualTo("order 25 by <email> card <card>");
        assertThat(first.fields().asMap().get("user.email").text()).isEqualTo("<email>");
        assertThat(audit.begun).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("logs.search");
            assertThat(e.maskedQuery()).isEqualTo("level:ERROR");
            assertThat(e.target().backend()).isEqualTo("lucene");
        });
        assertThat(audit.outcomeOfLast().count()).isEqualTo(6);
        assertThat(audit.outcomeOfLast().rulesFired()).containsEntry("email", 6L).containsEntry("card", 6L)
                .containsEntry("email-field", 6L);
    }

    @Test
    void the_audit_record_holds_the_query_only_after_masking() {
        search(EVERYTHING, "\"jane.doe@example.com\"");
        assertThat(audit.begun.getFirst().maskedQuery()).isEqualTo("\"<email>\"");
    }

    @Test
    void a_read_whose_start_record_fails_to_become_durable_while_it_runs_shows_nothing() {
        audit.failsBeforeDurable = true;
        List<Runnable> reads = readsOfOneRecordEach();
        for (Runnable read : reads) {
            assertThatThrownBy(read::run).isInstanceOf(AuditUnavailableException.class);
        }
        assertThat(audit.begun).hasSize(5);
        assertThat(audit.completed).isEmpty();
    }

    @Test
    void refuses_every_kind_of_read_when_the_audit_record_cannot_be_made_durable() {
        audit.unavailable = true;
        List<Runnable> reads = new java.util.ArrayList<>(readsOfOneRecordEach());
        reads.add(() -> service.tail(unchanging(EVERYTHING), LAST_HOUR, Optional.empty(), service.newControl()));
        reads.add(() -> service.openExport(EVERYTHING.withExport(true), LAST_HOUR, ExportFormat.CSV));
        for (Runnable read : reads) {
            assertThatThrownBy(read::run).isInstanceOf(AuditUnavailableException.class);
        }
        assertThat(audit.completed).isEmpty();
    }

    /** Every kind of read that is one audit record, begun and completed around it (not a tail or an export). */
    private List<Runnable> readsOfOneRecordEach() {
        return List.of(
                () -> search(EVERYTHING, ""),
                () -> service.histogram(EVERYTHING, LAST_HOUR, Optional.empty(), service.newControl()),
                () -> service.topValues(EVERYTHING, LAST_HOUR, "level", 5, service.newControl()),
                () -> service.context(EVERYTHING, LogEvent.idOf(1), 5, 5, service.newControl()),
                () -> service.event(EVERYTHING, LogEvent.idOf(1), service.newControl()));
    }

    @Test
    void every_public_read_of_the_service_is_covered_by_the_audit_test_above() {
        // A new read method must be added to the list above, so that it is proven to be audited.
        // servicesOutsideAccess reads no store (names_the_services_a_query_asks_for_outside_the_readers_scope...).
        assertThat(java.util.Arrays.stream(LogService.class.getDeclaredMethods())
                .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers()))
                .map(java.lang.reflect.Method::getName).distinct().sorted())
                .containsExactly("context", "event", "histogram", "maxPageSize", "newControl", "openExport",
                        "search", "searchableField", "servicesOutsideAccess", "tail", "topValues");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "*", "*:*", "service:payments", "service:a OR service:*", "* OR service:payments",
        "NOT service:checkout", "_exists_:service", "service:pay*", "service:/.*/",
        "(service:checkout) OR (service:payments)", "service:checkout OR NOT service:checkout",
        "service:[a TO z]", "order OR service:admin"})
    void no_query_escapes_the_scope(String query) {
        LogPage page = search(CHECKOUT_ONLY, query);
        assertThat(page.events()).allSatisfy(e -> assertThat(e.service()).isEqualTo("checkout"));
        LogHistogram histogram = service.histogram(CHECKOUT_ONLY, new LogQuery(query, T0, T0.plusSeconds(3600)),
                Optional.empty(), service.newControl());
        assertThat(histogram.total()).isLessThanOrEqualTo(10);
        LogTopValues services = service.topValues(CHECKOUT_ONLY, new LogQuery(query, T0, T0.plusSeconds(3600)),
                "service", 10, service.newControl());
        assertThat(services.values()).allSatisfy(v -> assertThat(v.value().text()).isEqualTo("checkout"));
    }

    @Test
    void a_query_that_tries_to_close_the_scope_group_is_a_syntax_error() {
        assertThatThrownBy(() -> search(CHECKOUT_ONLY, "service:checkout) OR (service:payments"))
                .isInstanceOf(InvalidQueryException.class);
    }

    @Test
    void a_scope_without_services_sees_nothing_and_exclusions_hold() {
        LogAccess none = LogAccess.of(ALICE, LogScope.services(List.of(), Duration.ofDays(1)));
        assertThat(search(none, "*").events()).isEmpty();
        LogAccess allButAdmin = LogAccess.of(ALICE, new LogScope(List.of("*"), List.of("adm*"), Duration.ofDays(1)));
        assertThat(search(allButAdmin, "service:admin OR *").events())
                .hasSize(20).noneMatch(e -> e.service().equals("admin"));
    }

    @Test
    void names_the_services_a_query_asks_for_outside_the_readers_scope_without_asking_the_store() {
        LogAccess allButAdmin = LogAccess.of(ALICE, new LogScope(List.of("check*", "admin"), List.of("adm*"),
                Duration.ofDays(1)));
        LogQuery asked = new LogQuery("(service:payments OR service:checkout) AND service:admin AND NOT service:orders",
                T0, T0.plusSeconds(3600));
        assertThat(service.servicesOutsideAccess(allButAdmin, asked)).containsExactly("payments", "admin");
        assertThat(service.servicesOutsideAccess(CHECKOUT_ONLY, new LogQuery("level:ERROR", T0, T0.plusSeconds(60))))
                .isEmpty();
        assertThat(service.servicesOutsideAccess(CHECKOUT_ONLY, new LogQuery("service:(", T0, T0.plusSeconds(60))))
                .isEmpty();
        assertThat(audit.begun).isEmpty();
    }

    @Test
    void the_audit_record_of_a_search_names_the_services_excluded_from_the_readers_scope() {
        LogAccess allButAdmin = LogAccess.of(ALICE, new LogScope(List.of("*"), List.of("adm*"), Duration.ofDays(1)));
        search(allButAdmin, "*");
        assertThat(audit.begun).singleElement()
                .satisfies(e -> assertThat(e.target().services()).containsExactly("*", "!adm*"));
    }

    @Test
    void a_time_range_longer_than_the_scope_allows_is_denied_and_audited() {
        LogAccess hourOnly = LogAccess.of(ALICE, LogScope.services(List.of("*"), Duration.ofMinutes(30)));
        assertThatThrownBy(() -> search(hourOnly, "")).isInstanceOf(LogAccessDeniedException.class);
        assertThat(audit.recorded).singleElement()
                .satisfies(e -> assertThat(e.decision()).isEqualTo(AuditEntry.Decision.DENIED));
        assertThat(audit.begun).isEmpty();
    }

    @Test
    void a_refused_time_range_names_the_limit_as_the_access_page_does() {
        LogAccess month = LogAccess.of(ALICE, LogScope.services(List.of("*"), Duration.ofHours(720)));
        var tooLong = new LogQuery("", T0, T0.plus(Duration.ofDays(31)));

        assertThatThrownBy(() -> service.search(month, tooLong, 100, LogOrder.NEWEST_FIRST, Optional.empty(),
                service.newControl())).isInstanceOf(LogAccessDeniedException.class)
                .hasMessageContaining("(30 days)").hasMessageNotContaining("hours");
    }

    @Test
    void a_preset_as_long_as_the_scope_allows_works_although_its_two_ends_read_the_clock_apart() {
        LogAccess hourOnly = LogAccess.of(ALICE, LogScope.services(List.of("*"), Duration.ofHours(1)));
        // "now-1h" to "now": the end is read a little after the start.
        var query = new LogQuery("", T0, T0.plusSeconds(3600).plusNanos(40_000));
        assertThat(service.search(hourOnly, query, 100, LogOrder.NEWEST_FIRST, Optional.empty(), service.newControl())
                .events()).isNotEmpty();
        var twoSecondsOver = new LogQuery("", T0, T0.plusSeconds(3602));
        assertThatThrownBy(() -> service.search(hourOnly, twoSecondsOver, 100, LogOrder.NEWEST_FIRST, Optional.empty(),
                service.newControl())).isInstanceOf(LogAccessDeniedException.class);
    }

    @Test
    void an_unmask_grant_for_one_service_unmasks_only_that_services_events() {
        Map<String, java.util.Set<String>> exemptSeen = new java.util.concurrent.ConcurrentHashMap<>();
        FakeMasker fake = new FakeMasker();
        dev.periscope.masking.Masker recording = new dev.periscope.masking.Masker() {
            @Override
            public dev.periscope.masking.MaskedText mask(dev.periscope.masking.MaskingContext context, String raw) {
                exemptSeen.put(context.service(), context.exemptCategories());
                return fake.mask(context, raw);
            }

            @Override
            public dev.periscope.masking.MaskedFields mask(dev.periscope.masking.MaskingContext context, Map<String, String> raw) {
                return fake.mask(context, raw);
            }
        };
        LogService withGrant = new LogService(store, recording, audit, LogsProperties.defaults(),
                LogQueryValueResolver.identity(), CLOCK);
        LogAccess granted = new LogAccess(ALICE, LogScope.everything(), java.util.Set.of("network"), Optional.of("ar-1"), "", false,
                Map.of("check*", java.util.Set.of("pii")));

        withGrant.search(granted, LAST_HOUR, 100, LogOrder.NEWEST_FIRST, Optional.empty(), withGrant.newControl());

        assertThat(exemptSeen.get("checkout")).containsExactlyInAnyOrder("network", "pii");
        assertThat(exemptSeen.get("payments")).containsExactly("network");
        assertThat(exemptSeen.get("admin")).containsExactly("network");
    }

    @Test
    void top_values_are_masked_too() {
        LogTopValues top = service.topValues(EVERYTHING, LAST_HOUR, "user.email", 10, service.newControl());
        assertThat(top.values()).isNotEmpty()
                .allSatisfy(v -> assertThat(v.value().text()).isEqualTo("<email>"));
        assertThat(top.values().stream().mapToLong(LogTopValues.Value::count).sum()).isEqualTo(30);
    }

    @Test
    void an_event_that_cannot_be_masked_is_replaced_by_a_placeholder_and_counted() throws Exception {
        store.add(List.of(new LogEvent(LogEvent.idOf(999), T0.toEpochMilli() + 500_000, "checkout", "ERROR",
                "BOOM secret", Map.of(), "checkout.log", 1, 0, false)));
        store.refresh();
        LogPage page = search(EVERYTHING, "secret");
        assertThat(page.events()).singleElement()
                .satisfies(e -> assertThat(e.message().text()).startsWith("[withheld"));
        assertThat(audit.outcomeOfLast().withheld()).isEqualTo(1);
    }

    @Test
    void context_stays_in_the_stream_and_the_scope() {
        String anchor = LogEvent.idOf(13); // checkout, 12th second
        LogContext context = service.context(CHECKOUT_ONLY, anchor, 2, 2, service.newControl()).orElseThrow();
        assertThat(context.before()).extracting(MaskedLogEvent::service).containsOnly("checkout");
        assertThat(context.before()).hasSize(2);
        assertThat(context.after()).hasSize(2);
        assertThat(context.anchor().message().text()).contains("<email>");
        assertThat(service.context(CHECKOUT_ONLY, LogEvent.idOf(14), 2, 2, service.newControl())).isEmpty();
        assertThat(audit.begun).extracting(AuditEntry::action).containsOnly("logs.context");
    }

    @Test
    void a_tail_session_is_one_audit_record_completed_with_its_extent() {
        try (LogService.TailSession tail = service.tail(unchanging(EVERYTHING), LAST_HOUR, Optional.empty(),
                service.newControl())) {
            assertThat(tail.poll(100, service.newControl())).isEmpty();
            store.add(List.of(new LogEvent(LogEvent.idOf(500), T0.toEpochMilli() + 40_000, "checkout", "INFO",
                    "new order by a@example.com", Map.of(), "checkout.log", 31, 3100, false)));
            store.refresh();
            assertThat(tail.poll(100, service.newControl())).singleElement()
                    .satisfies(e -> assertThat(e.message().text()).isEqualTo("new order by <email>"));
        }
        assertThat(audit.begun).singleElement().satisfies(e -> assertThat(e.action()).isEqualTo("logs.tail"));
        assertThat(audit.outcomeOfLast().count()).isEqualTo(1);
    }

    @Test
    void a_tail_poll_says_when_shards_may_have_left_events_out() {
        dev.periscope.logs.store.LogStore partialTail = (dev.periscope.logs.store.LogStore) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {dev.periscope.logs.store.LogStore.class},
                        (proxy, method, args) -> {
                            Object answer = method.invoke(store, args);
                            if (method.getName().equals("tail")) {
                                var page = (dev.periscope.logs.store.EventPage) answer;
                                return new dev.periscope.logs.store.EventPage(page.events(), page.total(),
                                        page.totalExact(), page.next(), Optional.of("1 of 3 shards timed out"));
                            }
                            return answer;
                        });
        LogService onPartialStore = new LogService(partialTail, new FakeMasker(), audit, LogsProperties.defaults(),
                LogQueryValueResolver.identity(), CLOCK);
        try (LogService.TailSession tail = onPartialStore.tail(unchanging(EVERYTHING), LAST_HOUR, Optional.empty(),
                onPartialStore.newControl())) {
            assertThat(tail.partial()).isEmpty();
            tail.poll(100, onPartialStore.newControl());
            assertThat(tail.partial()).hasValue("1 of 3 shards timed out");
        }
    }

    @Test
    void pages_through_results_with_the_cursor() {
        LogPage first = service.search(EVERYTHING, LAST_HOUR, 20, LogOrder.OLDEST_FIRST, Optional.empty(),
                service.newControl());
        LogPage second = service.search(EVERYTHING, LAST_HOUR, 20, LogOrder.OLDEST_FIRST, first.nextCursor(),
                service.newControl());
        assertThat(first.events()).hasSize(20);
        assertThat(second.events()).hasSize(10);
        assertThat(second.events().getFirst().timestamp()).isEqualTo(T0.plusSeconds(20));
        assertThatThrownBy(() -> service.search(EVERYTHING, LAST_HOUR, 20, LogOrder.OLDEST_FIRST,
                Optional.of("garbage"), service.newControl())).isInstanceOf(InvalidQueryException.class);
    }

    @Test
    void a_partial_answer_of_the_store_reaches_every_result_type() {
        String why = "1 of 2 shards of the log store failed (node_disconnected_exception); results may be incomplete.";
        dev.periscope.logs.store.LogStore halfAnswering = new dev.periscope.logs.store.LogStore() {
            @Override
            public String backend() {
                return "elasticsearch";
            }

            @Override
            public dev.periscope.logs.store.EventPage search(dev.periscope.logs.store.StoreQuery query,
                    dev.periscope.logs.store.SortOrder order, int limit,
                    Optional<dev.periscope.logs.store.LogCursor> after, dev.periscope.logs.query.QueryControl c) {
                var page = store.search(query, order, limit, after, c);
                return new dev.periscope.logs.store.EventPage(page.events(), page.total(), page.totalExact(),
                        page.next(), Optional.of(why));
            }

            @Override
            public dev.periscope.logs.store.Histogram histogram(dev.periscope.logs.store.StoreQuery query,
                    long interval, dev.periscope.logs.query.QueryControl c) {
                var h = store.histogram(query, interval, c);
                return new dev.periscope.logs.store.Histogram(h.startMillis(), h.intervalMillis(), h.counts(),
                        Optional.of(why));
            }

            @Override
            public dev.periscope.logs.store.TopValues topValues(dev.periscope.logs.store.StoreQuery query,
                    String field, int size, dev.periscope.logs.query.QueryControl c) {
                var t = store.topValues(query, field, size, c);
                return new dev.periscope.logs.store.TopValues(t.field(), t.values(), t.eventsWithField(),
                        t.otherCount(), Optional.of(why));
            }

            @Override
            public Optional<dev.periscope.logs.store.EventContext> context(String id,
                    dev.periscope.logs.query.QueryNode scope, int before, int after,
                    dev.periscope.logs.query.QueryControl c) {
                return store.context(id, scope, before, after, c);
            }

            @Override
            public dev.periscope.logs.store.EventPage tail(dev.periscope.logs.store.StoreQuery query,
                    dev.periscope.logs.store.LogCursor after, int limit, dev.periscope.logs.query.QueryControl c) {
                return store.tail(query, after, limit, c);
            }

            @Override
            public int maxPageSize() {
                return store.maxPageSize();
            }
        };
        LogService partial = new LogService(halfAnswering, new FakeMasker(), audit, LogsProperties.defaults(),
                LogQueryValueResolver.identity(), CLOCK);

        LogPage page = partial.search(EVERYTHING, LAST_HOUR, 10, LogOrder.NEWEST_FIRST, Optional.empty(),
                partial.newControl());
        LogHistogram histogram = partial.histogram(EVERYTHING, LAST_HOUR, Optional.empty(), partial.newControl());
        LogTopValues top = partial.topValues(EVERYTHING, LAST_HOUR, "service", 5, partial.newControl());

        assertThat(page.partial()).hasValue(why);
        assertThat(histogram.partial()).hasValue(why);
        assertThat(histogram.total()).isEqualTo(30);
        assertThat(top.partial()).hasValue(why);
        assertThat(top.values()).hasSize(3);
    }

    @Test
    void an_event_is_fetched_by_id_masked_and_audited_only_within_the_scope() {
        MaskedLogEvent checkout = service.event(CHECKOUT_ONLY, LogEvent.idOf(13), service.newControl()).orElseThrow();
        Optional<MaskedLogEvent> payments = service.event(CHECKOUT_ONLY, LogEvent.idOf(14), service.newControl());

        assertThat(checkout.service()).isEqualTo("checkout");
        assertThat(checkout.message().text()).isEqualTo("order 12 by <email> card <card>");
        assertThat(payments).as("an event outside the scope is not confirmed to exist").isEmpty();
        assertThat(audit.begun).extracting(AuditEntry::action).containsExactly("logs.event", "logs.event");
        assertThat(audit.begun.getFirst().maskedQuery()).isEqualTo("event " + LogEvent.idOf(13));
        assertThat(audit.completed.get("r1").count()).isEqualTo(1);
        assertThat(audit.completed.get("r2").count()).isZero();
        assertThatThrownBy(() -> service.event(EVERYTHING, "../etc", service.newControl()))
                .isInstanceOf(InvalidQueryException.class);
    }

    @Test
    void a_cancelled_search_is_recorded_as_cancelled_beside_its_empty_completion() {
        dev.periscope.logs.query.QueryControl control = service.newControl();
        control.cancel();

        assertThatThrownBy(() -> service.search(EVERYTHING, LAST_HOUR, 10, LogOrder.NEWEST_FIRST, Optional.empty(),
                control)).isInstanceOf(dev.periscope.logs.query.QueryTimeoutException.class);

        assertThat(audit.begun).extracting(AuditEntry::action).containsExactly("logs.search");
        assertThat(audit.outcomeOfLast().count()).isZero();
        assertThat(audit.recorded).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("logs.search");
            assertThat(e.decision()).isEqualTo(AuditEntry.Decision.FAILED);
            assertThat(e.reason()).isEqualTo("cancelled by the reader");
        });
    }

    static LogPage search(LogService on, String q) {
        return on.search(EVERYTHING, new LogQuery(q, T0, T0.plusSeconds(3600)), 100, LogOrder.NEWEST_FIRST,
                Optional.empty(), on.newControl());
    }

    /** The service as the portal wires it: the shipped masking rules, and token search with probe refusal. */
    private LogService withShippedMasking() {
        dev.periscope.masking.MaskingService masking = dev.periscope.masking.ShippedMasking.service();
        return new LogService(store, masking, audit, LogsProperties.defaults(), new MaskingQueryValues(masking), CLOCK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"password:hunter2", "user.email:[user1@example.com TO user1@example.com]",
        "user.email:user1*", "user.email:/user1@.*/", "api_key:a*"})
    void a_search_of_a_field_masked_by_its_name_is_refused_and_audited_as_a_probe_with_the_value_masked(String q) {
        LogService masked = withShippedMasking();

        assertThatThrownBy(() -> masked.histogram(EVERYTHING, new LogQuery(q, T0, T0.plusSeconds(3600)),
                Optional.empty(), masked.newControl())).isInstanceOf(QueryProbeRefusedException.class);

        assertThat(audit.begun).as("nothing ran").isEmpty();
        assertThat(audit.recorded).singleElement().satisfies(e -> {
            assertThat(e.decision()).isEqualTo(AuditEntry.Decision.PROBE_REFUSED);
            assertThat(e.maskedQuery()).doesNotContain("hunter2", "user1", "a*");
        });
    }

    @Test
    void a_token_of_a_field_masked_by_its_name_finds_the_events_whose_value_it_stands_for() {
        LogService masked = withShippedMasking();
        String token = search(masked, "order.id:o-1").events().getFirst().fields().asMap().get("user.email").text();
        assertThat(token).matches("‹email:[0-9a-f]+›");

        LogPage byToken = search(masked, "user.email:\"" + token + "\"");

        assertThat(byToken.events()).hasSize(8);
        assertThat(audit.begun.getLast().maskedQuery()).isEqualTo("user.email:\"" + token + "\"");
    }

    /** Two events whose {@code error} holds an address inside a longer text, and one whose error holds none. */
    private void addErrors() {
        store.add(List.of(
                new LogEvent(LogEvent.idOf(720), T0.toEpochMilli() + 60_000, "mail", "WARN", "bounced",
                        Map.of("error", "no mailbox for jane.doe@example.com"), "mail.log", 1, 100, false),
                new LogEvent(LogEvent.idOf(721), T0.toEpochMilli() + 61_000, "mail", "WARN", "bounced",
                        Map.of("error", "no mailbox for jane.doe@example.com"), "mail.log", 2, 200, false),
                new LogEvent(LogEvent.idOf(722), T0.toEpochMilli() + 62_000, "mail", "WARN", "bounced",
                        Map.of("error", "mailbox full"), "mail.log", 3, 300, false)));
        store.refresh();
    }

    @Test
    void a_top_value_with_a_token_inside_a_longer_text_filters_its_events_in_and_out() {
        addErrors();
        LogService masked = withShippedMasking();
        String shown = masked.topValues(EVERYTHING, LAST_HOUR, "error", 5, masked.newControl()).values().stream()
                .map(v -> v.value().text()).filter(v -> v.startsWith("no mailbox")).findFirst().orElseThrow();
        assertThat(shown).matches("no mailbox for ‹email:[0-9a-f]+›");

        assertThat(search(masked, "error:\"" + shown + "\"").events()).extracting(MaskedLogEvent::id)
                .containsExactlyInAnyOrder(LogEvent.idOf(720), LogEvent.idOf(721));
        assertThat(search(masked, "service:mail AND NOT error:\"" + shown + "\"").events())
                .extracting(MaskedLogEvent::id).containsExactly(LogEvent.idOf(722));
        assertThat(audit.begun.getLast().maskedQuery()).isEqualTo("service:mail AND NOT error:\"" + shown + "\"");
    }

    @Test
    void an_unknown_token_inside_a_longer_value_fails_the_query_as_a_whole_unknown_token_does() {
        addErrors();
        LogService masked = withShippedMasking();

        assertThatThrownBy(() -> search(masked, "error:\"no mailbox for ‹email:0badc0de›\""))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("This token is unknown or has expired; search for it in recent results.");
        assertThatThrownBy(() -> search(masked, "error:\"‹email:0badc0de›\""))
                .isInstanceOf(InvalidQueryException.class)
                .hasMessage("This token is unknown or has expired; search for it in recent results.");
        assertThat(audit.begun).as("nothing ran").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"error:\"no mailbox for TOKEN or jane.doe@example.com\"", "user.email:\"TOKEN x\""})
    void a_longer_value_with_a_token_in_it_is_still_refused_as_a_probe_when_it_would_be_without_one(String q) {
        addErrors();
        LogService masked = withShippedMasking();
        String token = search(masked, "order.id:o-1").events().getFirst().fields().asMap().get("user.email").text();
        audit.begun.clear();

        assertThatThrownBy(() -> search(masked, q.replace("TOKEN", token)))
                .isInstanceOf(QueryProbeRefusedException.class);
        assertThat(audit.begun).as("nothing ran").isEmpty();
        assertThat(audit.recorded).singleElement().satisfies(e -> {
            assertThat(e.decision()).isEqualTo(AuditEntry.Decision.PROBE_REFUSED);
            assertThat(e.maskedQuery()).doesNotContain("jane.doe@example.com");
        });
    }

    @Test
    void the_largest_page_is_the_smaller_of_the_configured_one_and_the_one_the_store_serves() {
        LogsProperties d = LogsProperties.defaults();
        LogsProperties hundred = new LogsProperties(d.store(), d.queryTimeout(), d.maxQueryLength(), d.maxClauses(),
                d.maxExpansions(), d.maxPatternLength(), d.allowedFields(), 100, d.histogramBuckets(),
                d.exportMaxRows());
        LogService configured = new LogService(store, new FakeMasker(), audit, hundred,
                LogQueryValueResolver.identity(), CLOCK);

        assertThat(configured.maxPageSize()).isEqualTo(100);
        assertThat(service.maxPageSize()).isEqualTo(store.maxPageSize()).isEqualTo(1000);
        assertThatThrownBy(() -> configured.search(EVERYTHING, LAST_HOUR, 101, LogOrder.NEWEST_FIRST,
                Optional.empty(), configured.newControl())).isInstanceOf(InvalidQueryException.class)
                .hasMessage("Ask for between 1 and 100 events per page.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sk_live*", "sk_live_4*", "message:/sk_live.*/", "message:[sk_live TO sk_livf]",
        "akia*", "message:/akia.*/", "4bf92f35*", "411111*", "order* AND sk_l*"})
    void a_pattern_finds_no_event_by_a_word_that_masking_hides_so_narrowing_it_cannot_spell_a_secret(String q) {
        store.add(List.of(new LogEvent(LogEvent.idOf(710), T0.toEpochMilli() + 60_000, "payments", "INFO",
                "order charged with sk_live_4eC39HqLyjWDarjtT1zdp7dc key AKIAZ3MSJV4WWNKWW7GF trace "
                        + "4bf92f3577b34da6a3ce929d0e0e4736 card 4111111111111111", Map.of(), "payments.log", 1, 100,
                false)));
        store.refresh();
        LogService masked = withShippedMasking();

        assertThat(search(masked, q).total()).isZero();
        assertThat(masked.histogram(EVERYTHING, new LogQuery(q, T0, T0.plusSeconds(3600)), Optional.empty(),
                masked.newControl()).total()).isZero();
    }

    @ParameterizedTest
    // Bounds that are not card numbers themselves (a bound that is one is refused as a probe before the store).
    @ValueSource(strings = {"card:[4000000000000000 TO 4111111111111190]", "card:[* TO 4111111111111113]",
        "card:{4111111111111110 TO 4111111111111112}", "card:[4111111111111105 TO *]"})
    void a_numeric_range_counts_no_event_by_a_number_that_masking_hides_so_halving_it_cannot_find_one(String q) {
        store.add(List.of(new LogEvent(LogEvent.idOf(712), T0.toEpochMilli() + 60_000, "payments", "INFO",
                "card charged", Map.of("card", "4111111111111111", "amount", "1250"), "payments.log", 1, 100,
                false)));
        store.refresh();
        LogService masked = withShippedMasking();

        assertThat(search(masked, q).total()).isZero();
        assertThat(masked.histogram(EVERYTHING, new LogQuery(q, T0, T0.plusSeconds(3600)), Optional.empty(),
                masked.newControl()).total()).isZero();
        // Ranges over ordinary numbers still count.
        assertThat(search(masked, "amount:[1000 TO 2000]").total()).isEqualTo(1);
    }

    @Test
    void a_pattern_still_finds_ordinary_words_next_to_a_hidden_one_and_the_whole_word_is_still_found_by_term() {
        store.add(List.of(new LogEvent(LogEvent.idOf(711), T0.toEpochMilli() + 60_000, "payments", "INFO",
                "charged with trace 4bf92f3577b34da6a3ce929d0e0e4736", Map.of(), "payments.log", 1, 100, false)));
        store.refresh();
        LogService masked = withShippedMasking();

        assertThat(search(masked, "charg*").total()).isEqualTo(1);
        assertThat(search(masked, "message:/(charged|4bf92f35.*)/").total()).isEqualTo(1);
        assertThat(search(masked, "4bf92f3577b34da6a3ce929d0e0e4736").total()).isEqualTo(1);
    }

    @Test
    void a_service_or_source_holding_a_confidential_value_is_masked_like_text() {
        store.add(List.of(new LogEvent(LogEvent.idOf(700), T0.toEpochMilli() + 50_000, "jane.doe@example.com",
                "INFO", "shipped oddly", Map.of(), "/var/log/203.0.113.9/app.log", 1, 100, false)));
        store.refresh();

        LogPage page = search(withShippedMasking(), "message:oddly");

        assertThat(page.events()).singleElement().satisfies(e -> {
            assertThat(e.service()).matches("‹email:[0-9a-f]{8}›");
            assertThat(e.source()).doesNotContain("203.0.113.9").startsWith("/var/log/‹").endsWith("›/app.log");
            assertThat(e.level()).isEqualTo("INFO");
        });
    }

    @Test
    void an_ordinary_query_runs_with_the_shipped_masking_rules() {
        LogService masked = withShippedMasking();
        LogPage page = search(masked, "service:check* AND level:ERROR AND order.id:o-*");
        assertThat(page.events()).isNotEmpty().allSatisfy(e -> assertThat(e.service()).isEqualTo("checkout"));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MAX_VALUE})
    void a_histogram_interval_out_of_range_is_a_bad_query_not_a_crash(long seconds) {
        assertThatThrownBy(() -> service.histogram(EVERYTHING, LAST_HOUR, Optional.of(Duration.ofSeconds(seconds)),
                service.newControl())).isInstanceOf(InvalidQueryException.class)
                .hasMessageContaining("interval must be between 1 millisecond and 366 days");
        assertThatThrownBy(() -> service.histogram(EVERYTHING, LAST_HOUR, Optional.of(Duration.ofDays(367)),
                service.newControl())).isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> service.histogram(EVERYTHING, LAST_HOUR, Optional.of(Duration.ofNanos(999_999)),
                service.newControl())).isInstanceOf(InvalidQueryException.class);
    }

    @Test
    void a_histogram_interval_of_a_year_still_runs() {
        LogHistogram histogram = service.histogram(EVERYTHING, LAST_HOUR, Optional.of(Duration.ofDays(366)),
                service.newControl());
        assertThat(histogram.total()).isEqualTo(30);
    }

    @Test
    void a_time_range_beyond_epoch_milliseconds_is_a_bad_query_not_a_crash() {
        Instant far = Instant.parse("+300000000-01-01T00:00:00Z");
        assertThatThrownBy(() -> service.search(EVERYTHING, new LogQuery("", far.minusSeconds(3600), far), 10,
                LogOrder.NEWEST_FIRST, Optional.empty(), service.newControl()))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("too far");
        assertThatThrownBy(() -> search(EVERYTHING, "timestamp:\"+300000000-01-01\""))
                .isInstanceOf(InvalidQueryException.class).hasMessageContaining("Not a time");
    }

    @Test
    void a_wildcard_too_complex_to_run_is_refused_as_over_a_limit() {
        assertThatThrownBy(() -> search(EVERYTHING, "service:*a????????????????????"))
                .isInstanceOf(dev.periscope.logs.query.QueryLimitExceededException.class)
                .hasMessageContaining("too complex");
    }

    /** Checkout by role, payments through a break-glass grant. */
    static final LogAccess CHECKOUT_AND_GRANTED_PAYMENTS = new LogAccess(ALICE,
            LogScope.services(List.of("checkout", "payments"), Duration.ofDays(1)), java.util.Set.of(),
            Optional.of("req-1"), "incident 42");

    private void addEvent(long id, String svc, long secondsAfterT0) {
        store.add(List.of(new LogEvent(LogEvent.idOf(id), T0.toEpochMilli() + secondsAfterT0 * 1000, svc, "INFO",
                "live " + id, Map.of(), svc + ".log", id, id * 100, false)));
        store.refresh();
    }

    @Test
    void a_tail_ends_at_the_first_poll_after_the_grant_that_widened_it_is_revoked() {
        var guardSays = new java.util.concurrent.atomic.AtomicReference<>(Optional.of(CHECKOUT_AND_GRANTED_PAYMENTS));
        LogService.TailSession tail = service.tail(new LiveAccess(CHECKOUT_AND_GRANTED_PAYMENTS, guardSays::get),
                LAST_HOUR, Optional.empty(), service.newControl());
        addEvent(600, "payments", 40);
        assertThat(tail.poll(100, service.newControl())).extracting(MaskedLogEvent::service).containsExactly("payments");

        guardSays.set(Optional.of(CHECKOUT_ONLY));
        addEvent(601, "payments", 41);
        addEvent(602, "checkout", 42);

        assertThatThrownBy(() -> tail.poll(100, service.newControl())).isInstanceOf(LogAccessChangedException.class)
                .hasMessageContaining("Search again");
        assertThat(audit.begun).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("logs.tail");
            assertThat(e.grantId()).hasValue("req-1");
        });
        assertThat(audit.outcomeOfLast().count()).as("the session's record is closed with what it showed").isEqualTo(1);
        assertThat(audit.recorded).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("logs.tail");
            assertThat(e.decision()).isEqualTo(AuditEntry.Decision.DENIED);
            assertThat(e.reason()).contains("access changed");
        });
        assertThatThrownBy(() -> tail.poll(100, service.newControl())).isInstanceOf(IllegalStateException.class);
        tail.close();
        assertThat(audit.completed).hasSize(1);
    }

    @Test
    void a_tail_ends_when_the_reader_sees_no_logs_any_more() {
        var guardSays = new java.util.concurrent.atomic.AtomicReference<>(Optional.of(EVERYTHING));
        try (LogService.TailSession tail = service.tail(new LiveAccess(EVERYTHING, guardSays::get), LAST_HOUR,
                Optional.empty(), service.newControl())) {
            guardSays.set(Optional.empty());
            addEvent(600, "checkout", 40);

            assertThatThrownBy(() -> tail.poll(100, service.newControl()))
                    .isInstanceOf(LogAccessChangedException.class);
        }
        assertThat(audit.outcomeOfLast().count()).isZero();
    }

    @Test
    void a_further_page_after_the_grant_is_revoked_reads_nothing_and_says_why() {
        var guardSays = new java.util.concurrent.atomic.AtomicReference<>(Optional.of(CHECKOUT_AND_GRANTED_PAYMENTS));
        LiveAccess held = new LiveAccess(CHECKOUT_AND_GRANTED_PAYMENTS, guardSays::get);
        LogPage first = service.search(held, LAST_HOUR, 5, LogOrder.NEWEST_FIRST, Optional.empty(),
                service.newControl());
        assertThat(first.events()).extracting(MaskedLogEvent::service).contains("payments");

        guardSays.set(Optional.of(CHECKOUT_ONLY));

        assertThatThrownBy(() -> service.search(held, LAST_HOUR, 5, LogOrder.NEWEST_FIRST, first.nextCursor(),
                service.newControl())).isInstanceOf(LogAccessChangedException.class);
        assertThat(audit.begun).as("the refused page reached no store").hasSize(1);
        assertThat(audit.recorded).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("logs.search");
            assertThat(e.decision()).isEqualTo(AuditEntry.Decision.DENIED);
            assertThat(e.grantId()).hasValue("req-1");
        });
    }

    @Test
    void a_further_page_under_an_unchanged_access_reads_on() {
        LiveAccess held = unchanging(CHECKOUT_ONLY);
        LogPage first = service.search(held, LAST_HOUR, 5, LogOrder.NEWEST_FIRST, Optional.empty(),
                service.newControl());
        LogPage second = service.search(held, LAST_HOUR, 5, LogOrder.NEWEST_FIRST, first.nextCursor(),
                service.newControl());

        assertThat(second.events()).hasSize(5).extracting(MaskedLogEvent::service).containsOnly("checkout");
        assertThat(audit.recorded).isEmpty();
    }
}
