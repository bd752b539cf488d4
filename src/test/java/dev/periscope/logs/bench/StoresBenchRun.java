package dev.periscope.logs.bench;

import dev.periscope.masking.FakeMasker;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs the side-by-side stores bench from the test class path, with the test masking engine and an audit trail that
 * records nothing, against {@code -Dbench.elasticsearch=URL}:
 * {@code ./mvnw -o test -Dtest=StoresBenchRun -Dbench.stores.events=2000000 -Dbench.elasticsearch=http://127.0.0.1:9200}.
 */
class StoresBenchRun {

    @Test
    @EnabledIfSystemProperty(named = "bench.stores.events", matches = "\\d+")
    void runs_the_stores_bench() throws Exception {
        long events = Long.parseLong(System.getProperty("bench.stores.events"));
        Path dir = Files.createTempDirectory("periscope-stores-bench");
        try {
            new StoresBench(new StoresBench.Options(events, dir, URI.create(System.getProperty("bench.elasticsearch",
                    "http://127.0.0.1:9200")), Integer.getInteger("bench.queries", 200),
                    Integer.getInteger("bench.warmup", 50), Long.getLong("bench.seed", 42L),
                    !"off".equals(System.getProperty("bench.request-caches"))),
                    new FakeMasker(), new LogsBenchRun.NoOpAudit(), System.out).run();
        } finally {
            LogsBench.delete(dir);
        }
    }
}
