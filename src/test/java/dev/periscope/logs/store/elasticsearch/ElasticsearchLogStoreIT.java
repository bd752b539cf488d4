package dev.periscope.logs.store.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.LogStoreContractTest;
import dev.periscope.logs.store.SortOrder;
import dev.periscope.testing.ElasticsearchServer;
import dev.periscope.logs.store.EventPage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The store contract on a real Elasticsearch node: the same assertions as on the embedded store. */
class ElasticsearchLogStoreIT extends LogStoreContractTest {

    private static final AtomicInteger INDEXES = new AtomicInteger();
    private String index;

    @Override
    protected Opened open(Path dir) {
        index = "periscope-contract-" + INDEXES.incrementAndGet();
        ElasticsearchLogStoreProperties base = ElasticsearchLogStoreProperties.local(ElasticsearchServer.get().uri(),
                index);
        // The exact index, not a pattern: "contract-1*" would also read "contract-12".
        ElasticsearchLogStoreProperties properties = new ElasticsearchLogStoreProperties(base.hosts(), "", "", "", "",
                base.connectTimeout(), base.socketTimeout(), base.retry(), base.maxConcurrentRequests(), index, index,
                false, true, base.fields(), base.maxPageSize(), base.maxBuckets(), "");
        ElasticsearchLogStore store = new ElasticsearchLogStore(properties);
        store.start();
        return new Opened(store, store, () -> {
            store.deleteWriteIndex();
            store.close();
        });
    }

    @Test
    void an_event_the_cluster_refuses_for_a_field_is_stored_with_its_fields_unindexed_and_ingest_goes_on() {
        // Elasticsearch refuses a field name of white space only; before, such a batch was refused again at every try.
        LogEvent refused = event(1, T0 + 1000, "checkout", "ERROR", "payment declined",
                Map.of(" ", "odd", "user.id", "u1"));
        LogEvent ordinary = event(2, T0 + 2000, "checkout", "INFO", "order placed", Map.of("user.id", "u2"));

        writer.add(List.of(refused, ordinary));
        writer.refresh();

        assertThat(((ElasticsearchLogStore) writer).eventsWithFieldsUnindexed()).isEqualTo(1);

        List<LogEvent> all = search("", SortOrder.NEWEST_FIRST, 10, Optional.empty()).events();
        assertThat(all).extracting(LogEvent::id).containsExactly(ordinary.id(), refused.id());
        assertThat(all.get(1).fields()).containsEntry("user.id", "u1").containsEntry(" ", "odd");
        assertThat(all.get(1).message()).isEqualTo("payment declined");
        // Searchable by its core fields, not by the fields the cluster would not index.
        assertThat(search("service:checkout AND level:ERROR", SortOrder.NEWEST_FIRST, 10, Optional.empty())
                .events()).extracting(LogEvent::id).containsExactly(refused.id());
        assertThat(search("user.id:u1", SortOrder.NEWEST_FIRST, 10, Optional.empty()).events()).isEmpty();
    }

    @Test
    void levels_other_shippers_wrote_in_their_own_spelling_are_found_and_counted_as_one_level() throws Exception {
        writer.add(List.of(event(1, T0 + 1000, "checkout", "ERROR", "written by periscope", Map.of())));
        for (String[] doc : new String[][] {{"0000000000000a01", "error"}, {"0000000000000a02", "Err"},
            {"0000000000000a03", "warning"}}) {
            // As Filebeat or Vector would ship it: the level as the logger spelt it.
            String json = "{\"@timestamp\":\"" + java.time.Instant.ofEpochMilli(T0 + 2000) + "\",\"event\":{\"id\":\""
                    + doc[0] + "\"},\"service\":{\"name\":\"checkout\"},\"log\":{\"level\":\"" + doc[1]
                    + "\"},\"message\":\"written by a shipper\"}";
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            ElasticsearchServer.get().uri().resolve("/" + index + "/_doc/" + doc[0] + "?refresh=true"))
                    .header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        }
        writer.refresh();

        assertThat(search("level:ERROR", SortOrder.NEWEST_FIRST, 10, Optional.empty()).events()).hasSize(3);
        assertThat(search("level:warn", SortOrder.NEWEST_FIRST, 10, Optional.empty()).events()).hasSize(1);
        // Patterns too, as on levels stored normalised: warning is WARN, which WARNING* does not match.
        assertThat(search("level:err*", SortOrder.NEWEST_FIRST, 10, Optional.empty()).events()).hasSize(3);
        assertThat(search("level:warn*", SortOrder.NEWEST_FIRST, 10, Optional.empty()).events()).hasSize(1);
        assertThat(search("level:warning*", SortOrder.NEWEST_FIRST, 10, Optional.empty()).events()).isEmpty();
        assertThat(search("level:/err.*/", SortOrder.NEWEST_FIRST, 10, Optional.empty()).events()).hasSize(3);
        assertThat(search("level:/warn/", SortOrder.NEWEST_FIRST, 10, Optional.empty()).events()).hasSize(1);
        assertThat(search("level:/warning/", SortOrder.NEWEST_FIRST, 10, Optional.empty()).events()).isEmpty();
        var top = reader.topValues(new dev.periscope.logs.store.StoreQuery(parser.parse("*"), T0, T0 + 3_600_000),
                "level", 5, control());
        assertThat(top.values()).extracting(dev.periscope.logs.store.TopValues.ValueCount::value,
                dev.periscope.logs.store.TopValues.ValueCount::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ERROR", 3L),
                        org.assertj.core.groups.Tuple.tuple("WARN", 1L));
    }

    @Test
    void an_index_another_tool_mapped_with_the_service_as_text_is_refused_not_searched_with_a_loose_scope()
            throws Exception {
        String other = "periscope-dynamic-" + INDEXES.incrementAndGet();
        // No template: dynamic mapping makes service.name text (with a .keyword sub-field), as Filebeat's own may.
        var http = java.net.http.HttpClient.newHttpClient();
        var response = http.send(java.net.http.HttpRequest.newBuilder(ElasticsearchServer.get().uri()
                        .resolve("/" + other + "/_doc/1?refresh=true"))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"@timestamp\":\""
                        + java.time.Instant.ofEpochMilli(T0) + "\",\"service\":{\"name\":\"payments-api\"},"
                        + "\"message\":\"m\"}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        ElasticsearchLogStoreProperties base = ElasticsearchLogStoreProperties.local(ElasticsearchServer.get().uri(),
                other);
        try (ElasticsearchLogStore loose = new ElasticsearchLogStore(new ElasticsearchLogStoreProperties(base.hosts(),
                "", "", "", "", base.connectTimeout(), base.socketTimeout(), base.retry(),
                base.maxConcurrentRequests(), other, other, false, false, base.fields(), base.maxPageSize(),
                base.maxBuckets(), ""))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> loose.search(new dev.periscope.logs.store
                            .StoreQuery(parser.parse("service:payments"), T0 - 1000, T0 + 1000), SortOrder.NEWEST_FIRST,
                            10, Optional.empty(), control()))
                    .isInstanceOf(dev.periscope.logs.query.BackendUnavailableException.class)
                    .hasMessage(MappingCheck.USER_MESSAGE);
        } finally {
            http.send(java.net.http.HttpRequest.newBuilder(ElasticsearchServer.get().uri().resolve("/" + other))
                    .DELETE().build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        }
    }

    /**
     * Other tools' documents: 120 without an id and 30 with a shipper's own id (ten values, each on three documents),
     * all in one millisecond with five of Periscope's, plus 50 spread over a minute.
     */
    private List<String> writeDocumentsOtherToolsShipped() throws Exception {
        long tie = T0 + 1000;
        List<LogEvent> own = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            own.add(event(900 + i, tie, "checkout", "INFO", "written by periscope " + i, Map.of()));
        }
        writer.add(own);
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            long ts = i < 150 ? tie : T0 + 2000 + (i % 25) * 2400L;
            String id = i >= 120 && i < 150 ? ",\"event\":{\"id\":\"shipper-" + (i % 10) + "\"}" : "";
            bulk.append("{\"create\":{}}\n{\"@timestamp\":\"").append(java.time.Instant.ofEpochMilli(ts))
                    .append("\"").append(id).append(",\"service\":{\"name\":\"checkout\"},\"log\":{\"file\":")
                    .append("{\"path\":\"/var/log/checkout.log\"}},\"message\":\"shipped line ").append(i)
                    .append("\"}\n");
        }
        bulk(index, bulk.toString());
        writer.refresh();
        List<String> messages = new ArrayList<>();
        own.forEach(e -> messages.add(e.message()));
        for (int i = 0; i < 200; i++) {
            messages.add("shipped line " + i);
        }
        return messages;
    }

    private List<LogEvent> pageThrough(SortOrder order, int limit) {
        List<LogEvent> got = new ArrayList<>();
        Optional<dev.periscope.logs.store.LogCursor> cursor = Optional.empty();
        do {
            EventPage page = search("", order, limit, cursor);
            got.addAll(page.events());
            cursor = page.next();
        } while (cursor.isPresent() && got.size() < 1_000);
        return got;
    }

    @Test
    void documents_other_tools_shipped_without_ids_or_with_their_own_page_once_each_both_ways() throws Exception {
        List<String> written = writeDocumentsOtherToolsShipped();

        for (int limit : new int[] {7, 100}) {
            List<LogEvent> newest = pageThrough(SortOrder.NEWEST_FIRST, limit);
            List<LogEvent> oldest = pageThrough(SortOrder.OLDEST_FIRST, limit);

            assertThat(oldest).extracting(LogEvent::message).as("limit " + limit)
                    .containsExactlyInAnyOrderElementsOf(written);
            assertThat(oldest).extracting(LogEvent::id).doesNotHaveDuplicates();
            List<LogEvent> reversed = new ArrayList<>(newest);
            java.util.Collections.reverse(reversed);
            assertThat(reversed).extracting(LogEvent::id).as("limit " + limit)
                    .containsExactlyElementsOf(oldest.stream().map(LogEvent::id).toList());
        }
        assertThat(search("", SortOrder.NEWEST_FIRST, 7, Optional.empty()).total()).isEqualTo(205);
    }

    @Test
    void an_event_another_tool_shipped_is_linked_to_its_neighbours_and_tailed_from() throws Exception {
        writeDocumentsOtherToolsShipped();
        List<LogEvent> oldest = pageThrough(SortOrder.OLDEST_FIRST, 100);
        List<LogEvent> shipped = oldest.stream().filter(e -> e.source().equals("/var/log/checkout.log")).toList();
        LogEvent anchor = shipped.get(60);
        assertThat(LogEvent.isId(anchor.id())).isTrue();

        var context = reader.context(anchor.id(), new dev.periscope.logs.query.QueryNode.MatchAll(), 3, 2, control())
                .orElseThrow();

        assertThat(context.anchor().message()).isEqualTo(anchor.message());
        assertThat(context.before()).extracting(LogEvent::id)
                .containsExactlyElementsOf(shipped.subList(57, 60).stream().map(LogEvent::id).toList());
        assertThat(context.after()).extracting(LogEvent::id)
                .containsExactlyElementsOf(shipped.subList(61, 63).stream().map(LogEvent::id).toList());

        int at = oldest.indexOf(anchor);
        EventPage tail = reader.tail(new dev.periscope.logs.store.StoreQuery(
                        new dev.periscope.logs.query.QueryNode.MatchAll(), T0, T0 + 3_600_000), anchor.cursor(), 7,
                control());
        assertThat(tail.events()).extracting(LogEvent::id)
                .containsExactlyElementsOf(oldest.subList(at + 1, at + 8).stream().map(LogEvent::id).toList());
    }

    /** Documents without an id, as a shipper writes them, all at one time. */
    private void shipWithoutIds(int count, long at) throws Exception {
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < count; i++) {
            bulk.append("{\"create\":{}}\n{\"@timestamp\":\"").append(java.time.Instant.ofEpochMilli(at))
                    .append("\",\"service\":{\"name\":\"checkout\"},\"message\":\"shipped ").append(i)
                    .append("\"}\n");
        }
        bulk(index, bulk.toString());
    }

    /** Every page of the query, up to a bound, with what the pages said about being partial. */
    private List<EventPage> pagesThrough(SortOrder order, int limit) {
        List<EventPage> pages = new ArrayList<>();
        Optional<dev.periscope.logs.store.LogCursor> cursor = Optional.empty();
        do {
            EventPage page = search("", order, limit, cursor);
            pages.add(page);
            cursor = page.next();
        } while (cursor.isPresent() && pages.size() < 40);
        return pages;
    }

    @Test
    void more_of_periscopes_own_events_in_one_millisecond_than_are_ordered_at_once_page_once_each_both_ways()
            throws Exception {
        long tie = T0 + 1000;
        List<LogEvent> own = new ArrayList<>();
        for (int i = 0; i < ElasticsearchLogStore.GROUP_LIMIT + 1000; i++) {
            own.add(event(i, tie, "checkout", "INFO", "same millisecond " + i, Map.of()));
        }
        own.add(event(90_000, T0, "checkout", "INFO", "before", Map.of()));
        own.add(event(90_001, T0 + 2000, "checkout", "INFO", "after", Map.of()));
        writer.add(own);
        writer.refresh();
        // Three without an id in the same millisecond: after every keyed one, oldest first.
        shipWithoutIds(3, tie);

        List<LogEvent> oldest = pagesThrough(SortOrder.OLDEST_FIRST, 1000).stream()
                .flatMap(p -> p.events().stream()).toList();
        List<LogEvent> newest = new ArrayList<>(pagesThrough(SortOrder.NEWEST_FIRST, 1000).stream()
                .flatMap(p -> p.events().stream()).toList());

        assertThat(oldest).hasSize(own.size() + 3).extracting(LogEvent::id).doesNotHaveDuplicates()
                .containsAll(own.stream().map(LogEvent::id).toList());
        assertThat(oldest.getFirst().message()).isEqualTo("before");
        assertThat(oldest.getLast().message()).isEqualTo("after");
        assertThat(oldest.subList(own.size() - 1, own.size() + 2)).extracting(LogEvent::message)
                .allMatch(m -> m.startsWith("shipped "));
        java.util.Collections.reverse(newest);
        assertThat(newest).extracting(LogEvent::id).containsExactlyElementsOf(oldest.stream().map(LogEvent::id)
                .toList());
    }

    @Test
    void paging_goes_on_past_a_millisecond_of_more_documents_without_ids_than_are_ordered_at_once()
            throws Exception {
        long tie = T0 + 1000;
        writer.add(List.of(event(1, T0, "checkout", "INFO", "before", Map.of()),
                event(2, T0 + 2000, "checkout", "INFO", "after", Map.of())));
        writer.refresh();
        shipWithoutIds(ElasticsearchLogStore.GROUP_LIMIT + 1100, tie);

        for (SortOrder order : SortOrder.values()) {
            List<EventPage> pages = pagesThrough(order, 1000);
            List<LogEvent> got = pages.stream().flatMap(p -> p.events().stream()).toList();

            // Some of the millisecond may be skipped, and the pages say so; the events past it are still reached.
            assertThat(pages.getLast().next()).as(order.toString()).isEmpty();
            assertThat(got).as(order.toString()).extracting(LogEvent::message).contains("before", "after");
            assertThat(got).extracting(LogEvent::id).doesNotHaveDuplicates();
            assertThat(pages).extracting(p -> p.partial().orElse(""))
                    .anyMatch(p -> p.contains("More than " + ElasticsearchLogStore.GROUP_LIMIT + " events share"));
        }
    }

    @Test
    void events_stamped_to_the_nanosecond_page_in_time_order_within_and_across_milliseconds() throws Exception {
        String nanos = "periscope-nanos-" + INDEXES.incrementAndGet();
        String mapping = "{\"mappings\":{\"properties\":{\"@timestamp\":{\"type\":\"date_nanos\"},"
                + "\"service\":{\"properties\":{\"name\":{\"type\":\"keyword\"}}},"
                + "\"log\":{\"properties\":{\"level\":{\"type\":\"keyword\"}}},"
                + "\"event\":{\"properties\":{\"id\":{\"type\":\"keyword\"}}}}}}";
        send("PUT", "/" + nanos, "application/json", mapping);
        StringBuilder bulk = new StringBuilder();
        java.time.Instant base = java.time.Instant.ofEpochMilli(T0 + 5000);
        for (int i = 0; i < 40; i++) {
            // Four milliseconds, ten events in each, a few microseconds apart.
            java.time.Instant at = base.plusMillis(i / 10).plusNanos(1_000L * (i % 10) + 7);
            bulk.append("{\"create\":{}}\n{\"@timestamp\":\"").append(at).append("\",\"service\":{\"name\":")
                    .append("\"checkout\"},\"message\":\"nano ").append(i).append("\"}\n");
        }
        bulk(nanos, bulk.toString());
        try (ElasticsearchLogStore store = storeOn(nanos, ElasticsearchLogStoreProperties.Fields.ecs())) {
            var query = new dev.periscope.logs.store.StoreQuery(parser.parse(""), T0, T0 + 3_600_000);
            for (SortOrder order : SortOrder.values()) {
                List<LogEvent> got = new ArrayList<>();
                Optional<dev.periscope.logs.store.LogCursor> cursor = Optional.empty();
                do {
                    EventPage page = store.search(query, order, 3, cursor, control());
                    got.addAll(page.events());
                    cursor = page.next();
                } while (cursor.isPresent() && got.size() < 100);
                assertThat(got).as(order.toString()).hasSize(40).extracting(LogEvent::id).doesNotHaveDuplicates();
                assertThat(got).extracting(LogEvent::timestamp).as("milliseconds, in order")
                        .isSortedAccordingTo(order == SortOrder.OLDEST_FIRST
                                ? java.util.Comparator.<Long>naturalOrder()
                                : java.util.Comparator.<Long>reverseOrder())
                        .allSatisfy(t -> assertThat(t).isBetween(T0 + 5000, T0 + 5003));
            }
        } finally {
            send("DELETE", "/" + nanos, null, null);
        }
    }

    @Test
    void pages_of_one_query_asked_at_once_share_one_point_in_time() throws Exception {
        writer.add(hundred());
        writer.refresh();
        var query = new dev.periscope.logs.store.StoreQuery(parser.parse("service:checkout"), T0, T0 + 3_600_000);
        var cursor = reader.search(query, SortOrder.NEWEST_FIRST, 5, Optional.empty(), control()).next().orElseThrow();
        long before = openContexts();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var pages = new ArrayList<java.util.concurrent.Future<EventPage>>();
            for (int i = 0; i < 8; i++) {
                pages.add(pool.submit(() -> reader.search(query, SortOrder.NEWEST_FIRST, 5, Optional.of(cursor),
                        control())));
            }
            for (var page : pages) {
                assertThat(page.get().events()).hasSize(5);
            }
        } finally {
            pool.shutdown();
        }
        // Opened concurrently, the extra points in time are closed before their pages return, not left to expire.
        assertThat(openContexts() - before).isLessThanOrEqualTo(1);
    }

    private static long openContexts() throws Exception {
        String stats = send("GET", "/_nodes/stats/indices/search", null, null);
        var m = java.util.regex.Pattern.compile("\"open_contexts\"\\s*:\\s*(\\d+)").matcher(stats);
        assertThat(m.find()).as(stats).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void a_pattern_on_a_structured_field_runs_as_the_values_masking_lets_through_as_on_the_embedded_store() {
        writer.add(List.of(event(1, T0 + 1, "svc", "INFO", "a", Map.of("code", "hidden-1")),
                event(2, T0 + 2, "svc", "INFO", "b", Map.of("code", "shown-1")),
                event(3, T0 + 3, "svc", "INFO", "c", Map.of("code", "hidden-2"))));
        writer.refresh();
        dev.periscope.logs.store.TermScreen screen = (field, term) -> !term.startsWith("hidden");

        for (String q : new String[] {"code:*-1", "code:/.*1/", "code:[a TO t]", "code:*-1 AND NOT code:/x.*/"}) {
            var screened = new dev.periscope.logs.store.StoreQuery(parser.parse(q), T0, T0 + 1000, screen);
            assertThat(reader.search(screened, SortOrder.NEWEST_FIRST, 10, Optional.empty(), control()).events())
                    .as(q).extracting(LogEvent::id).containsExactly(LogEvent.idOf(0x1002));
            assertThat(reader.histogram(screened, 1000, control()).total()).as(q).isEqualTo(1);
            assertThat(reader.topValues(screened, "code", 5, control()).values()).as(q).hasSize(1);
            // Unscreened, the same pattern finds the hidden one too.
            assertThat(reader.search(new dev.periscope.logs.store.StoreQuery(parser.parse(q), T0, T0 + 1000),
                    SortOrder.NEWEST_FIRST, 10, Optional.empty(), control()).events()).as(q)
                    .extracting(LogEvent::id).contains(LogEvent.idOf(0x1001), LogEvent.idOf(0x1002));
        }
        var onlyHidden = new dev.periscope.logs.store.StoreQuery(parser.parse("code:hidden*"), T0, T0 + 1000, screen);
        assertThat(reader.search(onlyHidden, SortOrder.NEWEST_FIRST, 10, Optional.empty(), control()).total())
                .isZero();
        // Nothing lists the words of messages: patterns on them stay refused.
        var onMessage = new dev.periscope.logs.store.StoreQuery(parser.parse("message:hid*"), T0, T0 + 1000, screen);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.search(onMessage, SortOrder.NEWEST_FIRST, 10,
                Optional.empty(), control())).isInstanceOf(dev.periscope.logs.query.InvalidQueryException.class);
    }

    @Test
    void a_pattern_is_checked_against_the_values_of_the_services_in_scope_not_those_of_every_service() {
        // More different values in a service out of scope than the screen lists: they are not read at all.
        List<LogEvent> others = new java.util.ArrayList<>();
        for (int i = 0; i < ClusterScreen.MAX_VALUES + 1; i++) {
            others.add(event(0x10000 + i, T0 + 10, "other", "INFO", "x", Map.of("code", "c-" + i)));
        }
        writer.add(others);
        writer.add(List.of(event(1, T0 + 1, "svc", "INFO", "a", Map.of("code", "c-a")),
                event(2, T0 + 2, "svc", "INFO", "b", Map.of("code", "hidden-b"))));
        writer.refresh();
        dev.periscope.logs.store.TermScreen screen = (field, term) -> !term.startsWith("hidden");

        var scoped = new dev.periscope.logs.store.StoreQuery(parser.parse("service:svc AND (code:c-* OR code:hid*)"),
                T0, T0 + 1000, screen);
        assertThat(reader.search(scoped, SortOrder.NEWEST_FIRST, 10, Optional.empty(), control()).events())
                .extracting(LogEvent::id).containsExactly(LogEvent.idOf(0x1001));
        // Across every service the listing is too long to check, and the query is refused rather than run unscreened.
        var everywhere = new dev.periscope.logs.store.StoreQuery(parser.parse("code:c-*"), T0, T0 + 1000, screen);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.search(everywhere, SortOrder.NEWEST_FIRST, 10,
                Optional.empty(), control())).isInstanceOf(dev.periscope.logs.query.QueryLimitExceededException.class)
                .hasMessageContaining("Make it more specific");
    }

    @Test
    void an_event_written_twice_under_two_document_ids_is_paged_once_even_one_at_a_time() throws Exception {
        StringBuilder bulk = new StringBuilder();
        for (String[] doc : new String[][] {{"a", "00000000000000aa"}, {"b", "00000000000000aa"},
            {"c", "00000000000000bb"}}) {
            // As a replay after a crash could leave it: the same event id on two documents of one millisecond.
            bulk.append("{\"create\":{\"_id\":\"").append(doc[0]).append("\"}}\n{\"@timestamp\":\"")
                    .append(java.time.Instant.ofEpochMilli(T0 + 1000)).append("\",\"event\":{\"id\":\"")
                    .append(doc[1]).append("\"},\"service\":{\"name\":\"checkout\"},\"message\":\"m ")
                    .append(doc[1]).append("\"}\n");
        }
        bulk(index, bulk.toString());

        for (SortOrder order : SortOrder.values()) {
            assertThat(pageThrough(order, 1)).as(order.toString()).extracting(LogEvent::id)
                    .containsExactlyInAnyOrder("00000000000000aa", "00000000000000bb");
        }
        // A page that the duplicate leaves short of its size still says that more follow.
        EventPage first = search("", SortOrder.OLDEST_FIRST, 2, Optional.empty());
        List<String> ids = new ArrayList<>(first.events().stream().map(LogEvent::id).toList());
        first.next().ifPresent(c -> search("", SortOrder.OLDEST_FIRST, 2, Optional.of(c)).events()
                .forEach(e -> ids.add(e.id())));
        assertThat(ids).containsExactlyInAnyOrder("00000000000000aa", "00000000000000bb");
    }

    @Test
    void ranges_on_fields_another_tool_mapped_as_numbers_run_and_leave_out_the_numbers_masking_hides()
            throws Exception {
        String numbers = "periscope-numbers-" + INDEXES.incrementAndGet();
        String mapping = "{\"mappings\":{\"properties\":{\"@timestamp\":{\"type\":\"date\"},"
                + "\"service\":{\"properties\":{\"name\":{\"type\":\"keyword\"}}},"
                + "\"event\":{\"properties\":{\"id\":{\"type\":\"keyword\"}}},"
                + "\"log\":{\"properties\":{\"level\":{\"type\":\"keyword\"}}},"
                + "\"labels\":{\"properties\":{\"ref\":{\"type\":\"long\"},\"status\":{\"type\":\"long\"},"
                + "\"amount\":{\"type\":\"double\"}}}}}}";
        send("PUT", "/" + numbers, "application/json", mapping);
        StringBuilder bulk = new StringBuilder();
        String[][] docs = {{"4111111111111111", "500"}, {"4111111111111200", "503"}, {"17", "200"}};
        for (int i = 0; i < docs.length; i++) {
            bulk.append("{\"create\":{}}\n{\"@timestamp\":\"").append(java.time.Instant.ofEpochMilli(T0 + i))
                    .append("\",\"service\":{\"name\":\"checkout\"},\"message\":\"m").append(i)
                    .append("\",\"labels\":{\"ref\":").append(docs[i][0]).append(",\"status\":").append(docs[i][1])
                    .append(",\"amount\":").append(docs[i][0]).append(".0}}\n");
        }
        bulk(numbers, bulk.toString());
        var f = ElasticsearchLogStoreProperties.Fields.ecs();
        var asNumbers = new ElasticsearchLogStoreProperties.Fields(f.timestamp(), f.service(), f.level(), f.message(),
                f.source(), f.id(), f.structuredPrefix(), "");
        dev.periscope.logs.store.TermScreen screen = (field, term) -> !term.equals("4111111111111111");
        try (ElasticsearchLogStore store = storeOn(numbers, asNumbers)) {
            java.util.function.Function<String, List<String>> messages = q -> store.search(
                    new dev.periscope.logs.store.StoreQuery(parser.parse(q), T0, T0 + 1000, screen),
                    SortOrder.OLDEST_FIRST, 10, Optional.empty(), control()).events().stream()
                    .map(LogEvent::message).toList();

            assertThat(messages.apply("status:[500 TO 599]")).containsExactly("m0", "m1");
            assertThat(messages.apply("ratio:[0 TO *]")).as("a field no index maps").isEmpty();
            assertThat(messages.apply("ref:[4000000000000000 TO *]")).containsExactly("m1");
            assertThat(messages.apply("ref:[* TO 100]")).containsExactly("m2");
            // A double answers 4.111111111111111E15; it is judged as the digits it was written with.
            assertThat(messages.apply("amount:[4000000000000000 TO *]")).containsExactly("m1");
        } finally {
            send("DELETE", "/" + numbers, null, null);
        }
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** A request straight to the node, as another tool would send it; a refusal fails the test with its answer. */
    private static String send(String method, String path, String contentType, String body) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(ElasticsearchServer.get().uri().resolve(path))
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        var response = HTTP.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return response.body();
    }

    /** Documents written as a shipper writes them, searchable when this returns. */
    private static void bulk(String target, String ndjson) throws Exception {
        assertThat(send("POST", "/" + target + "/_bulk?refresh=true", "application/x-ndjson", ndjson))
                .doesNotContain("\"errors\":true");
    }

    /** A store reading one index another tool made, with no template of its own. */
    private static ElasticsearchLogStore storeOn(String target, ElasticsearchLogStoreProperties.Fields names) {
        ElasticsearchLogStoreProperties base = ElasticsearchLogStoreProperties.local(ElasticsearchServer.get().uri(),
                target);
        return new ElasticsearchLogStore(new ElasticsearchLogStoreProperties(base.hosts(), "", "", "", "",
                base.connectTimeout(), base.socketTimeout(), base.retry(), base.maxConcurrentRequests(), target,
                target, false, false, names, base.maxPageSize(), base.maxBuckets(), ""));
    }
}
