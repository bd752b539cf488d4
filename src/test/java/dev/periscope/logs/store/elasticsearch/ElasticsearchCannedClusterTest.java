package dev.periscope.logs.store.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryNode;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.StoreQuery;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers a real cluster gives that the integration tests do not provoke, played by a stub HTTP server on 127.0.0.1:
 * a search over an index pattern that matches no index, and writes when the operator manages the templates.
 */
class ElasticsearchCannedClusterTest {

    /** What a search over a pattern matching no index answers: no shards, no hits, and no aggregations at all. */
    private static final String NO_SHARDS = "{\"took\":1,\"timed_out\":false,\"_shards\":{\"total\":0,\"successful\":0,"
            + "\"skipped\":0,\"failed\":0},\"hits\":{\"total\":{\"value\":0,\"relation\":\"eq\"},\"max_score\":null,"
            + "\"hits\":[]}}";
    private static final String BULK_OK = "{\"took\":1,\"errors\":false,\"items\":[{\"create\":{\"_index\":\"x\","
            + "\"_id\":\"1\",\"status\":201}}]}";

    private HttpServer server;
    private volatile String searchAnswer = NO_SHARDS;
    /** What the cluster answers about the mapping: by default, no index maps the fields yet. */
    private volatile String fieldCaps = "{\"indices\":[],\"fields\":{}}";
    private final List<String> requests = new CopyOnWriteArrayList<>();
    /** The bodies of the searches sent, in order. */
    private final List<String> searches = new CopyOnWriteArrayList<>();
    /** What opening (and closing) a point in time answers. */
    private static final String PIT = "{\"id\":\"pit-1\",\"_shards\":{\"total\":1,\"successful\":1,\"skipped\":0,"
            + "\"failed\":0},\"succeeded\":true,\"num_freed\":1}";

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            String sent = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.endsWith("/_search")) {
                searches.add(sent);
            }
            byte[] body = (path.endsWith("/_bulk") ? BULK_OK : path.endsWith("/_search") ? searchAnswer
                    : path.endsWith("/_field_caps") ? fieldCaps : path.endsWith("/_pit") ? PIT : "{}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ElasticsearchLogStoreProperties properties(boolean createTemplate) {
        ElasticsearchLogStoreProperties p = ElasticsearchLogStoreProperties.local(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "logs");
        return new ElasticsearchLogStoreProperties(p.hosts(), p.apiKey(), p.username(), p.password(),
                p.caCertificate(), p.connectTimeout(), p.socketTimeout(), p.retry(), p.maxConcurrentRequests(),
                p.indexPattern(), p.writeIndex(), p.dataStream(), createTemplate, p.fields(), p.maxPageSize(),
                p.maxBuckets(), p.auditIndex());
    }

    @Test
    void histograms_and_top_values_over_a_pattern_matching_no_index_are_empty_not_a_failure() throws Exception {
        try (ElasticsearchLogStore store = new ElasticsearchLogStore(properties(true))) {
            StoreQuery all = new StoreQuery(new QueryNode.MatchAll(), 0, 10_000);
            QueryControl control = QueryControl.withTimeLimit(Duration.ofSeconds(10));

            assertThat(store.histogram(all, 1000, control).counts()).containsOnly(0L);
            var top = store.topValues(all, "level", 5, control);
            assertThat(top.values()).isEmpty();
            assertThat(top.eventsWithField()).isZero();
        }
    }

    @Test
    void writes_leave_the_index_template_alone_when_the_operator_manages_templates() throws Exception {
        try (ElasticsearchLogStore store = new ElasticsearchLogStore(properties(false))) {
            store.start();
            store.add(List.of(new LogEvent(LogEvent.idOf(1), 1000, "web", "INFO", "m", Map.of(), "web.log", 1, 0,
                    false)));
        }
        assertThat(requests).anyMatch(r -> r.endsWith("/_bulk")).noneMatch(r -> r.contains("_index_template"));
    }

    @Test
    void a_store_whose_indices_map_the_service_as_text_refuses_to_search_and_tells_the_operator_what_to_fix()
            throws Exception {
        // An index created by another tool with dynamic mapping: service.name is text with a keyword sub-field.
        fieldCaps = "{\"indices\":[\"logs-other\",\"logs-1\"],\"fields\":{\"service.name\":{"
                + "\"text\":{\"type\":\"text\",\"searchable\":true,\"aggregatable\":false,\"indices\":[\"logs-other\"]},"
                + "\"keyword\":{\"type\":\"keyword\",\"searchable\":true,\"aggregatable\":true,\"indices\":[\"logs-1\"]}}}}";
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(MappingCheck.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        log.addAppender(logged);
        try (ElasticsearchLogStore store = new ElasticsearchLogStore(properties(true))) {
            StoreQuery all = new StoreQuery(new QueryNode.MatchAll(), 0, 10_000);
            QueryControl control = QueryControl.withTimeLimit(Duration.ofSeconds(10));

            // Readers are told the store refuses to search, not which indices (other services') are at fault.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.search(all,
                            dev.periscope.logs.store.SortOrder.NEWEST_FIRST, 10, java.util.Optional.empty(), control))
                    .isInstanceOf(dev.periscope.logs.query.BackendUnavailableException.class)
                    .hasMessage(MappingCheck.USER_MESSAGE)
                    .hasMessageNotContaining("logs-other");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.histogram(all, 1000, control))
                    .isInstanceOf(dev.periscope.logs.query.BackendUnavailableException.class)
                    .hasMessage(MappingCheck.USER_MESSAGE);
        } finally {
            log.detachAppender(logged);
        }
        assertThat(requests).noneMatch(r -> r.endsWith("/_search"));
        // The operator's log says what to fix, once while it stays the same.
        assertThat(logged.list).singleElement()
                .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).asString().contains("service.name is text, not keyword in logs-other");
    }

    @Test
    void histograms_and_top_values_say_when_a_shard_failed() throws Exception {
        // A cluster where one of two shards fails: every result type carries the same message, none throws.
        searchAnswer = """
                {"took":1,"timed_out":false,
                 "_shards":{"total":2,"successful":1,"skipped":0,"failed":1,"failures":[{"shard":0,"index":"i",
                   "node":"n","reason":{"type":"node_disconnected_exception","reason":"raw text"}}]},
                 "hits":{"hits":[]},
                 "aggregations":{"date_histogram#h":{"buckets":[{"key":0,"doc_count":3}]},
                   "sterms#top":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,
                     "buckets":[{"key":"payments","doc_count":3}]},
                   "value_count#with":{"value":3}}}""";
        try (ElasticsearchLogStore store = new ElasticsearchLogStore(properties(true))) {
            StoreQuery all = new StoreQuery(new QueryNode.MatchAll(), 0, 1000);
            String expected = "1 of 2 shards of the log store failed (node_disconnected_exception); results may be "
                    + "incomplete.";

            var histogram = store.histogram(all, 1000, QueryControl.withTimeLimit(Duration.ofSeconds(10)));
            var top = store.topValues(all, "service", 5, QueryControl.withTimeLimit(Duration.ofSeconds(10)));

            assertThat(histogram.counts()).containsExactly(3);
            assertThat(histogram.partial()).hasValue(expected);
            assertThat(top.values()).extracting(v -> v.value()).containsExactly("payments");
            assertThat(top.partial()).hasValue(expected);
        }
    }

    @Test
    void surrounding_events_say_when_a_shard_failed_and_a_missing_anchor_is_not_called_gone() throws Exception {
        String shards = "\"_shards\":{\"total\":2,\"successful\":1,\"skipped\":0,\"failed\":1,\"failures\":["
                + "{\"shard\":0,\"index\":\"i\",\"node\":\"n\",\"reason\":{\"type\":\"node_disconnected_exception\"}}]}";
        searchAnswer = "{\"took\":1,\"timed_out\":false," + shards + ",\"hits\":{\"hits\":[{\"_index\":\"logs-1\","
                + "\"_id\":\"0000000000000001\",\"_source\":{\"message\":\"m\",\"service\":{\"name\":\"s\"}},"
                + "\"sort\":[1000,\"0000000000000001\"]}]}}";
        try (ElasticsearchLogStore store = new ElasticsearchLogStore(properties(true))) {
            var context = store.context("0000000000000001", new QueryNode.MatchAll(), 2, 2,
                    QueryControl.withTimeLimit(Duration.ofSeconds(10))).orElseThrow();

            assertThat(context.anchor().message()).isEqualTo("m");
            assertThat(context.partial()).hasValueSatisfying(p -> assertThat(p).contains("1 of 2 shards"));

            searchAnswer = "{\"took\":1,\"timed_out\":false," + shards + ",\"hits\":{\"hits\":[]}}";
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.context("0000000000000001",
                            new QueryNode.MatchAll(), 2, 2, QueryControl.withTimeLimit(Duration.ofSeconds(10))))
                    .isInstanceOf(dev.periscope.logs.query.BackendUnavailableException.class)
                    .hasMessageContaining("1 of 2 shards");
        }
    }

    @Test
    void a_document_with_no_service_or_several_is_shown_with_none_so_no_service_exemptions_apply() throws Exception {
        // Shipped by other tools: one with no service (its file is named like a service), one naming two services.
        searchAnswer = """
                {"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
                 "hits":{"total":{"value":3,"relation":"eq"},"hits":[
                   {"_index":"logs-1","_id":"a","_source":{"message":"none","log":{"file":{"path":"payments"}}},
                    "sort":[3000,"0000000000000003"]},
                   {"_index":"logs-1","_id":"b","_source":{"message":"two","service":{"name":["payments","checkout"]},
                    "log":{"file":{"path":"/var/log/app.log"}}},"sort":[2000,"0000000000000002"]},
                   {"_index":"logs-1","_id":"c","_source":{"message":"one","service.name":["checkout","checkout"]},
                    "sort":[1000,"0000000000000001"]}]}}""";
        try (ElasticsearchLogStore store = new ElasticsearchLogStore(properties(true))) {
            var page = store.search(new StoreQuery(new QueryNode.MatchAll(), 0, 10_000),
                    dev.periscope.logs.store.SortOrder.NEWEST_FIRST, 10, java.util.Optional.empty(),
                    QueryControl.withTimeLimit(Duration.ofSeconds(10)));

            assertThat(page.events()).extracting(LogEvent::message, LogEvent::service, LogEvent::source)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("none", "", "payments"),
                            org.assertj.core.groups.Tuple.tuple("two", "", "/var/log/app.log"),
                            org.assertj.core.groups.Tuple.tuple("one", "checkout", ""));
        }
        // The service shown is the one whose unmask grants apply: none matches an event shown without one.
        var access = new dev.periscope.logs.LogAccess(
                new dev.periscope.audit.AuditEntry.Actor("u", List.of(), "", "", ""),
                dev.periscope.logs.LogScope.services(List.of("checkout"), Duration.ofDays(1)), java.util.Set.of(),
                java.util.Optional.empty(), "", false, Map.of("pay*", java.util.Set.of("email")));
        assertThat(access.exemptCategoriesFor("")).isEmpty();
    }

    @Test
    void pages_after_the_first_read_on_with_the_point_in_time_id_the_cluster_answered_with_last() throws Exception {
        // The cluster may hand back another id for the same point in time with any answer.
        searchAnswer = """
                {"took":1,"timed_out":false,"pit_id":"pit-2",
                 "_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
                 "hits":{"total":{"value":1,"relation":"eq"},"hits":[{"_index":"logs-1","_id":"a",
                   "_source":{"message":"m","service":{"name":"s"}},"sort":[1000,"0000000000000001",7]}]}}""";
        try (ElasticsearchLogStore store = new ElasticsearchLogStore(properties(true))) {
            StoreQuery all = new StoreQuery(new QueryNode.MatchAll(), 0, 10_000);
            var cursor = java.util.Optional.of(new dev.periscope.logs.store.LogCursor(5000, LogEvent.idOf(9)));

            store.search(all, dev.periscope.logs.store.SortOrder.NEWEST_FIRST, 10, cursor,
                    QueryControl.withTimeLimit(Duration.ofSeconds(10)));
            List<String> secondPage = pitIds();
            searches.clear();
            store.search(all, dev.periscope.logs.store.SortOrder.NEWEST_FIRST, 10, cursor,
                    QueryControl.withTimeLimit(Duration.ofSeconds(10)));

            assertThat(secondPage).hasSizeGreaterThan(1).startsWith("pit-1");
            assertThat(secondPage.subList(1, secondPage.size())).containsOnly("pit-2");
            assertThat(pitIds()).isNotEmpty().containsOnly("pit-2");
        }
    }

    @Test
    void events_loaded_by_document_id_are_loaded_only_within_the_page_query_and_its_scope() throws Exception {
        // Two events of the cursor's millisecond: read without their source to be ordered, then loaded by id.
        searchAnswer = """
                {"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
                 "hits":{"total":{"value":2,"relation":"eq"},"hits":[
                   {"_index":"logs-1","_id":"b","_source":{"message":"two","service":{"name":"checkout"}},
                    "sort":[1000,"0000000000000002"]},
                   {"_index":"logs-1","_id":"a","_source":{"message":"one","service":{"name":"checkout"}},
                    "sort":[1000,"0000000000000001"]}]}}""";
        try (ElasticsearchLogStore store = new ElasticsearchLogStore(properties(true))) {
            var page = store.search(new StoreQuery(new QueryNode.Term("service", "checkout"), 0, 10_000),
                    dev.periscope.logs.store.SortOrder.NEWEST_FIRST, 10,
                    java.util.Optional.of(new dev.periscope.logs.store.LogCursor(1000, LogEvent.idOf(3))),
                    QueryControl.withTimeLimit(Duration.ofSeconds(10)));

            assertThat(page.events()).extracting(LogEvent::message).containsExactly("two", "one");
        }
        // A document written anew under one of these ids, for another service, is not loaded in their place.
        assertThat(searches).filteredOn(b -> b.contains("\"ids\"")).singleElement().asString()
                .contains("{\"term\":{\"service.name\":{\"value\":\"checkout\"}}}");
    }

    private List<String> pitIds() {
        return searches.stream().flatMap(b -> java.util.regex.Pattern.compile("\"pit\":\\{\"id\":\"([^\"]+)\"")
                .matcher(b).results().map(m -> m.group(1))).toList();
    }
}
