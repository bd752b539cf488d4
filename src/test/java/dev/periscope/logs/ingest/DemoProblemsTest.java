package dev.periscope.logs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.logs.LogEventEnricher;
import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryNode;
import dev.periscope.logs.store.StoreQuery;
import dev.periscope.logs.store.TopValues;
import dev.periscope.logs.store.lucene.LuceneLogStore;
import dev.periscope.logs.store.lucene.LuceneLogStoreProperties;
import dev.periscope.problems.Fingerprints;
import dev.periscope.problems.ProblemsProperties;
import dev.periscope.problems.StackTraces;
import dev.periscope.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's recurring problems survive the real ingest path and group as the Problems view will show them. */
class DemoProblemsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final long HOUR = 3_600_000L;

    @TempDir
    Path temp;

    @Test
    void demo_errors_form_a_handful_of_recurring_problems_across_services_and_one_that_is_new() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        DemoTraffic traffic = new DemoTraffic(11, true);
        long since = NOW.toEpochMilli() - HOUR;
        traffic.newProblemSince(since);
        Path ingest = Files.createDirectories(temp.resolve("ingest"));
        Map<String, StringBuilder> files = new java.util.HashMap<>();
        // Four hours of incident traffic (many errors), two "deploys" apart.
        for (long t = NOW.toEpochMilli() - 4 * HOUR; t < NOW.toEpochMilli(); t += 2_000) {
            DemoTraffic.Service service = traffic.randomService();
            files.computeIfAbsent(service.file(), f -> new StringBuilder()).append(traffic.line(service, t, true));
        }
        for (var e : files.entrySet()) {
            Files.writeString(ingest.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE);
        }
        Fingerprints fingerprints = new Fingerprints(ProblemsProperties.defaults());
        LogEventEnricher enricher = (service, message, fields) -> StackTraces.find(message, fields)
                .map(trace -> Map.of("problem.fingerprint", fingerprints.of(trace).value()))
                .orElse(Map.of());

        try (LuceneLogStore store = new LuceneLogStore(temp.resolve("index"), LuceneLogStoreProperties.defaults(),
                clock)) {
            FileIngester ingester = new FileIngester(IngestProperties.defaults(ingest), store, clock, enricher);
            while (ingester.pollOnce()) {
                // until caught up
            }
            clock.advance(Duration.ofSeconds(5));
            ingester.pollOnce();
            ingester.commit();
            store.refresh();
            QueryControl control = QueryControl.withTimeLimit(Duration.ofSeconds(30));
            StoreQuery problems = new StoreQuery(new QueryNode.Exists("problem.fingerprint"),
                    NOW.toEpochMilli() - 5 * HOUR, NOW.toEpochMilli() + 1);
            TopValues groups = store.topValues(problems, "problem.fingerprint", 50, control);
            TopValues services = store.topValues(problems, "service", 20, control);
            TopValues unparsed = store.topValues(new StoreQuery(new QueryNode.Term("unparsed", "true"),
                    problems.fromMillis(), problems.toMillis()), "service", 20, control);

            assertThat(groups.values()).hasSizeBetween(7, 14);
            assertThat(groups.values()).allSatisfy(g -> assertThat(g.count()).isGreaterThan(3));
            assertThat(services.values()).extracting(TopValues.ValueCount::value)
                    .contains("checkout", "payments", "search", "notifications", "orders", "users");
            assertThat(unparsed.values()).isEmpty();

            Set<String> before = store.topValues(new StoreQuery(new QueryNode.Exists("problem.fingerprint"),
                    problems.fromMillis(), since), "problem.fingerprint", 50, control).values().stream()
                    .map(TopValues.ValueCount::value).collect(Collectors.toSet());
            Set<String> after = groups.values().stream().map(TopValues.ValueCount::value).collect(Collectors.toSet());
            after.removeAll(before);
            assertThat(after).as("problems that only started in the last hour").hasSize(1);
        }
    }
}
