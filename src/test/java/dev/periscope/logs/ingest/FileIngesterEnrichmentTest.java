package dev.periscope.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.logs.LogEventEnricher;
import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryNode;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.SortOrder;
import dev.periscope.logs.store.StoreQuery;
import dev.periscope.logs.store.lucene.LuceneLogStore;
import dev.periscope.logs.store.lucene.LuceneLogStoreProperties;
import dev.periscope.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIngesterEnrichmentTest {

    @TempDir
    Path temp;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));

    @Test
    void enrichers_add_fields_to_every_event_before_it_is_stored_without_overwriting_its_own() throws Exception {
        LogEventEnricher enricher = (service, message, fields) -> message.contains("\n")
                ? Map.of("derived.lines", Long.toString(message.lines().count()), "user", "overwritten?")
                : Map.of("user", "overwritten?");

        List<LogEvent> events = ingest("""
                {"@timestamp":"2026-11-22T10:00:00Z","message":"one line","user":"u-1"}
                2026-11-22T11:00:00Z ERROR [checkout] failed
                java.lang.IllegalStateException: boom
                \tat com.example.A.b(A.java:1)
                """, enricher);

        assertThat(events).hasSize(2);
        assertThat(events.get(0).fields()).doesNotContainKey("derived.lines").containsEntry("user", "u-1");
        assertThat(events.get(1).fields()).containsEntry("derived.lines", "3");
    }

    @Test
    void an_enricher_that_fails_leaves_the_event_stored_without_its_fields() throws Exception {
        LogEventEnricher broken = (service, message, fields) -> {
            throw new IllegalStateException("bug");
        };

        List<LogEvent> events = ingest("2026-11-22T11:00:00Z INFO [checkout] fine\n", broken);

        assertThat(events).singleElement().extracting(LogEvent::message).isEqualTo("fine");
    }

    private List<LogEvent> ingest(String text, LogEventEnricher enricher) throws Exception {
        Path logs = Files.createDirectories(temp.resolve("ingest"));
        Files.writeString(logs.resolve("app.log"), text);
        try (LuceneLogStore store = new LuceneLogStore(temp.resolve("index"), LuceneLogStoreProperties.defaults(),
                clock)) {
            FileIngester ingester = new FileIngester(IngestProperties.defaults(logs), store, clock, enricher);
            ingester.pollOnce();
            clock.advance(Duration.ofSeconds(3));
            ingester.pollOnce();
            ingester.commit();
            store.refresh();
            return store.search(new StoreQuery(new QueryNode.MatchAll(), 0, Long.MAX_VALUE / 2),
                    SortOrder.OLDEST_FIRST, 100, Optional.empty(), QueryControl.withTimeLimit(Duration.ofSeconds(10)))
                    .events();
        }
    }
}
