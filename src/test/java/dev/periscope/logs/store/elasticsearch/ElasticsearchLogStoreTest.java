package dev.periscope.logs.store.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.ShardFailure;
import co.elastic.clients.elasticsearch._types.ShardStatistics;
import dev.periscope.logs.query.BackendUnavailableException;
import dev.periscope.logs.query.LogQueryParser;
import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryLimits;
import dev.periscope.logs.query.QueryNode;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.SortOrder;
import dev.periscope.logs.store.StoreQuery;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the Elasticsearch store does without a cluster; the store contract runs on a real node in the IT. */
class ElasticsearchLogStoreTest {

    private final LogQueryParser parser = new LogQueryParser(QueryLimits.defaults(), Clock.systemUTC());

    @Test
    void an_unreachable_cluster_is_reported_as_unavailable_with_a_message_after_retries() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (ElasticsearchLogStore store = new ElasticsearchLogStore(ElasticsearchLogStoreProperties.local(
                URI.create("http://127.0.0.1:" + closed), "periscope-logs"))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> store.search(new StoreQuery(new QueryNode.MatchAll(), 0, 1000),
                    SortOrder.NEWEST_FIRST, 10, Optional.empty(), QueryControl.withTimeLimit(Duration.ofSeconds(10))))
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessage("The log store (Elasticsearch) cannot be reached. Try again shortly.");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(store.committedCheckpoint()).as("a cluster down at start does not stop ingest").isEmpty();
        }
    }

    @Test
    void a_cancelled_query_does_not_reach_the_cluster() throws Exception {
        try (ElasticsearchLogStore store = new ElasticsearchLogStore(ElasticsearchLogStoreProperties.local(
                URI.create("http://127.0.0.1:9"), "periscope-logs"))) {
            QueryControl control = QueryControl.withTimeLimit(Duration.ofSeconds(10));
            control.cancel();
            assertThatThrownBy(() -> store.histogram(new StoreQuery(new QueryNode.MatchAll(), 0, 1000), 100, control))
                    .hasMessageContaining("cancelled");
        }
    }

    @Test
    void queries_are_built_from_the_tree_without_a_query_string() {
        ElasticsearchQueryBuilder builder = new ElasticsearchQueryBuilder(
                new EsFields(ElasticsearchLogStoreProperties.Fields.ecs()));
        String json = builder.build(parser.parse("service:pay* AND \"timed out\" AND NOT level:INFO OR "
                + "duration_ms:[100 TO *] OR user.id:/u[12]/ OR _exists_:trace.id OR code:[a TO b}"), 0, 1000)
                .toString();
        assertThat(json).doesNotContain("query_string").doesNotContain("simple_query_string")
                .contains("\"wildcard\"", "\"match_phrase\"", "\"must_not\"", "\"labels.duration_ms.num\"",
                        "\"regexp\"", "\"exists\"", "\"_ignored\"", "\"service.name\"", "\"log.level\"");
    }

    @Test
    void a_regular_expression_reads_a_tilde_as_a_plain_character_as_lucene_10_does() {
        ElasticsearchQueryBuilder builder = new ElasticsearchQueryBuilder(
                new EsFields(ElasticsearchLogStoreProperties.Fields.ecs()));
        String json = builder.build(parser.parse("source:/~(checkout)/"), 0, 1000).toString();
        // Without flags the cluster would read ~ as "anything but", and find every other source.
        assertThat(json).contains("\"regexp\"", "\"flags\":\"INTERSECTION|EMPTY|ANYSTRING|INTERVAL\"");
    }

    @Test
    void a_level_is_searched_in_every_spelling_ignoring_case_and_counted_as_one() {
        ElasticsearchQueryBuilder builder = new ElasticsearchQueryBuilder(
                new EsFields(ElasticsearchLogStoreProperties.Fields.ecs()));
        String json = builder.build(parser.parse("level:error"), 0, 1000).toString();
        assertThat(json).contains("\"ERROR\"", "\"ERR\"", "\"SEVERE\"", "\"case_insensitive\":true");

        List<dev.periscope.logs.store.TopValues.ValueCount> values = new java.util.ArrayList<>(List.of(
                new dev.periscope.logs.store.TopValues.ValueCount("error", 5),
                new dev.periscope.logs.store.TopValues.ValueCount("INFO", 7),
                new dev.periscope.logs.store.TopValues.ValueCount("ERROR", 4),
                new dev.periscope.logs.store.TopValues.ValueCount("warning", 1)));
        ElasticsearchLogStore.mergeLevelSpellings(values, 2);
        assertThat(values).containsExactly(new dev.periscope.logs.store.TopValues.ValueCount("ERROR", 9),
                new dev.periscope.logs.store.TopValues.ValueCount("INFO", 7));
    }

    @Test
    void a_level_pattern_runs_ignoring_case_and_on_every_spelling_of_the_levels_it_matches() {
        ElasticsearchQueryBuilder builder = new ElasticsearchQueryBuilder(
                new EsFields(ElasticsearchLogStoreProperties.Fields.ecs()));

        String errors = builder.build(parser.parse("level:err*")).toString();
        String warnings = builder.build(parser.parse("level:warning*")).toString();

        assertThat(errors).contains("\"wildcard\"", "\"ERR*\"", "\"case_insensitive\":true", "\"SEVERE\"")
                .doesNotContain("must_not");
        // WARNING is a spelling of WARN, which WARNING* does not match on a store holding levels normalised.
        assertThat(warnings).contains("\"must_not\"", "\"WARNING\"");
    }

    @Test
    void with_top_level_fields_a_field_named_like_a_core_one_is_kept_aside_and_never_replaces_it() {
        EsFields topLevel = new EsFields(new ElasticsearchLogStoreProperties.Fields("@timestamp", "service.name",
                "log.level", "message", "log.file.path", "event.id", "", "num"));
        LogEvent event = new LogEvent(LogEvent.idOf(7), 1000, "checkout", "INFO", "m",
                Map.of("event.id", "ffffffffffffffff", "user.id", "u1"), "checkout.log", 1, 0, false);

        Map<String, Object> doc = topLevel.document(event);

        assertThat(doc).containsEntry("event.id", LogEvent.idOf(7)).containsEntry("field.event.id", "ffffffffffffffff")
                .containsEntry("user.id", "u1");
    }

    @Test
    void shard_failures_and_timeouts_become_a_partial_results_message() {
        ShardStatistics failed = ShardStatistics.of(s -> s.total(5).successful(3).failed(2).failures(List.of(
                ShardFailure.of(f -> f.shard(1).reason(r -> r.type("node_disconnected_exception")
                        .reason("raw reason that may quote a value"))))));
        assertThat(ElasticsearchLogStore.partial(failed, false)).hasValue(
                "2 of 5 shards of the log store failed (node_disconnected_exception); results may be incomplete.");
        ShardStatistics fine = ShardStatistics.of(s -> s.total(5).successful(5).failed(0));
        assertThat(ElasticsearchLogStore.partial(fine, true)).hasValueSatisfying(
                m -> assertThat(m).contains("ran out of time"));
        assertThat(ElasticsearchLogStore.partial(fine, false)).isEmpty();
    }
}
