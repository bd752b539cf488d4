package dev.periscope.logs.store.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.LogStoreContractTest;
import dev.periscope.logs.store.SortOrder;
import dev.periscope.testing.ElasticsearchServer;
import java.nio.file.Path;
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
                    .hasMessageContaining("service.name is text");
        } finally {
            http.send(java.net.http.HttpRequest.newBuilder(ElasticsearchServer.get().uri().resolve("/" + other))
                    .DELETE().build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        }
    }
}
