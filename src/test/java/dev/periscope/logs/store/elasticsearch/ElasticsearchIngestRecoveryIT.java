package dev.periscope.logs.store.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.logs.ingest.FileIngester;
import dev.periscope.logs.ingest.IngestProperties;
import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryNode;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.SortOrder;
import dev.periscope.logs.store.StoreQuery;
import dev.periscope.testing.ElasticsearchServer;
import dev.periscope.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest into a real node that refuses writes for a while (a write block, as a full disk sets): it retries from its
 * last commit once the node accepts writes again, and the index then holds every line exactly once.
 */
class ElasticsearchIngestRecoveryIT {

    private static final String INDEX = "periscope-ingest-recovery";

    @TempDir
    Path temp;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));

    @Test
    void ingest_resumes_after_the_cluster_refused_writes_without_losing_or_repeating_events() throws Exception {
        Path logs = Files.createDirectories(temp.resolve("ingest"));
        ElasticsearchLogStoreProperties base = ElasticsearchLogStoreProperties.local(ElasticsearchServer.get().uri(),
                INDEX);
        try (ElasticsearchLogStore store = new ElasticsearchLogStore(base)) {
            store.deleteWriteIndex();
            store.start();
            FileIngester ingester = new FileIngester(IngestProperties.defaults(logs), store, clock);
            append(logs, 0, 100);
            poll(ingester);
            ingester.commit();

            writeBlock(true);
            try {
                append(logs, 100, 200);
                poll(ingester);
                assertThat(ingester.ingestStatus().lastError()).hasValueSatisfying(e -> assertThat(e)
                        .contains("the store refused events", "reading again from the last commit"));
                assertThat(ingester.ingestStatus().lagBytes()).isPositive();
            } finally {
                writeBlock(false);
            }
            append(logs, 200, 250);
            clock.advance(Duration.ofSeconds(1));
            poll(ingester);
            ingester.commit();
            store.refresh();

            var page = store.search(new StoreQuery(new QueryNode.MatchAll(), 0, Long.MAX_VALUE / 2),
                    SortOrder.OLDEST_FIRST, 1000, Optional.empty(), QueryControl.withTimeLimit(Duration.ofSeconds(30)));
            assertThat(page.total()).isEqualTo(250);
            assertThat(page.events()).extracting(LogEvent::message).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, 250).mapToObj(i -> "line " + i).toList());
            assertThat(ingester.ingestStatus().lagBytes()).isZero();
            store.deleteWriteIndex();
        }
    }

    private void poll(FileIngester ingester) {
        ingester.pollOnce();
        clock.advance(Duration.ofSeconds(3)); // the last line of a file waits this long for continuation lines
        ingester.pollOnce();
    }

    private static void append(Path logs, int from, int to) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < to; i++) {
            lines.append("2026-11-22T11:00:00Z INFO line ").append(i).append('\n');
        }
        Files.writeString(logs.resolve("app.log"), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static void writeBlock(boolean on) throws IOException, InterruptedException {
        URI settings = ElasticsearchServer.get().uri().resolve("/" + INDEX + "/_settings");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(settings)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"index.blocks.write\":" + on + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
