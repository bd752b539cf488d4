package dev.periscope.logs.store.elasticsearch;

import dev.periscope.logs.store.LogStoreContractTest;
import dev.periscope.testing.ElasticsearchServer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

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
}
