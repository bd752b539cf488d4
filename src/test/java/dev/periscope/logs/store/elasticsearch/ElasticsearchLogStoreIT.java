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

    @Override
    protected Opened open(Path dir) {
        String index = "periscope-contract-" + INDEXES.incrementAndGet();
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
}
