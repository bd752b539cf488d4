package dev.periscope.logs.ingest;

import dev.periscope.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryNode;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.SortOrder;
import dev.periscope.logs.store.StoreQuery;
import dev.periscope.logs.store.TopValues;
import dev.periscope.logs.store.lucene.LuceneLogStore;
import dev.periscope.logs.store.lucene.LuceneLogStoreProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class DemoTrafficGeneratorTest {

    @TempDir
    Path temp;

    @Test
    void backfills_a_day_of_parsable_traffic_from_nine_services_once_through_the_real_ingest_path() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
        Path ingestDir = temp.resolve("ingest");
        DemoTrafficGenerator generator = new DemoTrafficGenerator(
                new DemoTrafficProperties(true, 1, Duration.ofHours(24), DataSize.ofMegabytes(64), 7), ingestDir,
                clock);
        long written = generator.backfillOnce();
        assertThat(written).isGreaterThan(20_000);
        assertThat(generator.backfillOnce()).isZero();
        generator.liveSecond();

        try (LuceneLogStore store = new LuceneLogStore(temp.resolve("index"), LuceneLogStoreProperties.defaults(),
                clock)) {
            FileIngester ingester = new FileIngester(IngestProperties.defaults(ingestDir), store, clock);
            while (ingester.pollOnce()) {
                // until caught up
            }
            clock.advance(Duration.ofSeconds(5));
            ingester.pollOnce();
            ingester.commit();
            store.refresh();
            StoreQuery all = new StoreQuery(new QueryNode.MatchAll(), clock.millis() - 90_000_000L,
                    clock.millis() + 1);
            QueryControl control = QueryControl.withTimeLimit(Duration.ofSeconds(30));
            TopValues services = store.topValues(all, "service", 20, control);
            assertThat(services.values()).hasSize(9);
            TopValues levels = store.topValues(all, "level", 10, control);
            assertThat(levels.values()).extracting(TopValues.ValueCount::value)
                    .contains("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
            var unparsed = store.search(new StoreQuery(new QueryNode.Term("unparsed", "true"), all.fromMillis(),
                    all.toMillis()), SortOrder.NEWEST_FIRST, 10, Optional.empty(), control);
            assertThat(unparsed.total()).isZero();
            var traces = store.search(new StoreQuery(new QueryNode.Phrase("message", "Caused by", 0),
                    all.fromMillis(), all.toMillis()), SortOrder.NEWEST_FIRST, 1, Optional.empty(), control);
            assertThat(traces.events()).singleElement().extracting(LogEvent::message).asString()
                    .contains("\n\tat ");
            assertThat(store.eventCount()).isBetween(written, written + 100);
        }
    }
}
