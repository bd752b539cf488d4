package dev.periscope.logs.store.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditEvent;
import dev.periscope.audit.AuditQuery;
import dev.periscope.audit.AuditSearch;
import dev.periscope.testing.ElasticsearchServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit shipper against a real node: a restarted shipper resumes from the watermark it kept instead of sending
 * the whole trail again, and ships everything again when the audit index is gone.
 */
class ElasticsearchAuditShipperIT {

    private static final String AUDIT_INDEX = "periscope-audit-shipper-it";
    /**
     * An hour ago, not a fixed date: the shipper stops watching reads that began more than a day before the clock,
     * so a fixed date made the completion test fail a day after it was written.
     */
    private static final Instant NEWEST = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    /** 1,200 records a minute apart, the newest first. */
    private final List<AuditEvent> records = IntStream.range(0, 1200)
            .mapToObj(i -> record("r" + i, 1200 - i, NEWEST.minus(Duration.ofMinutes(i)))).toList();

    @Test
    void a_restarted_shipper_resumes_from_its_watermark_and_ships_everything_when_the_index_is_gone()
            throws Exception {
        http("DELETE", "/" + AUDIT_INDEX);
        try (ElasticsearchAuditShipper first = shipper()) {
            assertThat(first.shipOnce()).isEqualTo(1200);
        }
        assertThat(count()).isEqualTo(1200);

        // Only the look-back before the newest shipped record is read again: the records of its last 2 minutes.
        try (ElasticsearchAuditShipper restarted = shipper()) {
            assertThat(restarted.shipOnce()).isEqualTo(3);
        }

        http("DELETE", "/" + AUDIT_INDEX);
        try (ElasticsearchAuditShipper afterDeletion = shipper()) {
            assertThat(afterDeletion.shipOnce()).isEqualTo(1200);
        }
        assertThat(count()).isEqualTo(1200);
        http("DELETE", "/" + AUDIT_INDEX);
    }

    @Test
    void a_read_that_completes_long_after_it_began_is_shipped_again_with_its_outcome() throws Exception {
        http("DELETE", "/" + AUDIT_INDEX);
        AuditEvent tail = new AuditEvent("tail-1", 1, NEWEST.minus(Duration.ofMinutes(30)), "begin", "dev",
                List.of("developer"), "session", "127.0.0.1", "test", "logs.tail", "lucene", List.of("checkout"),
                Optional.empty(), Optional.empty(), "level:ERROR", AuditEntry.Decision.ALLOWED, "", Optional.empty(),
                Optional.empty());
        List<AuditEvent> live = new java.util.concurrent.CopyOnWriteArrayList<>(List.of(
                record("later", 2, NEWEST), tail));
        try (ElasticsearchAuditShipper shipper = shipper(live)) {
            assertThat(shipper.shipOnce()).isEqualTo(2);
            // Half an hour of tail later, the session ends and its completion is recorded.
            live.set(1, new AuditEvent(tail.id(), tail.seq(), tail.time(), tail.type(), tail.userId(), tail.roles(),
                    tail.sessionHash(), tail.clientAddress(), tail.userAgent(), tail.action(), tail.backend(),
                    tail.services(), tail.from(), tail.to(), tail.maskedQuery(), tail.decision(), tail.reason(),
                    tail.grantId(), Optional.of(new dev.periscope.audit.AuditOutcome(42, 0, 1_800_000, Map.of(), 0))));

            assertThat(shipper.shipOnce()).as("the newest again (look-back), and the completed tail").isEqualTo(2);
        }
        http("POST", "/" + AUDIT_INDEX + "/_refresh");
        assertThat(http("GET", "/" + AUDIT_INDEX + "/_doc/tail-1")).contains("\"periscope.outcome.count\":42");
        // Mapped for the tools that read it: times are dates, names exact values.
        String mapping = http("GET", "/" + AUDIT_INDEX + "/_mapping");
        assertThat(mapping).containsPattern("\"@timestamp\":\\{\"type\":\"date\"")
                .containsPattern("\"action\":\\{\"type\":\"keyword\"")
                .containsPattern("\"from\":\\{\"type\":\"date\"");
        String byTime = http("GET", "/" + AUDIT_INDEX
                + "/_count?q=%40timestamp:%5B%22" + NEWEST.minus(Duration.ofHours(1)) + "%22+TO+*%5D");
        assertThat(byTime).contains("\"count\":2");
        http("DELETE", "/" + AUDIT_INDEX);
    }

    @Test
    void records_that_share_a_millisecond_across_pages_are_each_shipped_once() throws Exception {
        http("DELETE", "/" + AUDIT_INDEX);
        // 1,200 records, 700 of them in one millisecond: pages end inside it, twice.
        List<AuditEvent> ties = IntStream.range(0, 1200)
                .mapToObj(i -> record("t" + i, 1200 - i, i < 100 ? NEWEST.plusMillis(1) : i < 800 ? NEWEST
                        : NEWEST.minusMillis(i))).toList();
        try (ElasticsearchAuditShipper shipper = shipper(ties)) {
            assertThat(shipper.shipOnce()).isEqualTo(1200);
        }
        assertThat(count()).isEqualTo(1200);
        http("DELETE", "/" + AUDIT_INDEX);
    }

    @Test
    void a_record_the_index_cannot_take_is_counted_and_the_records_after_it_are_shipped() throws Exception {
        http("DELETE", "/" + AUDIT_INDEX);
        // user.id mapped as a number by someone else: a record of user "dev" cannot go in, one of user "42" can.
        http("PUT", "/" + AUDIT_INDEX,
                "{\"mappings\":{\"properties\":{\"user\":{\"properties\":{\"id\":{\"type\":\"long\"}}}}}}");
        AuditEvent refusedOne = record("by-dev", 2, NEWEST.minus(Duration.ofMinutes(1)));
        AuditEvent taken = new AuditEvent("by-42", 1, NEWEST.minus(Duration.ofMinutes(2)), "query", "42",
                List.of("developer"), "session", "127.0.0.1", "test", "logs.search", "lucene", List.of("checkout"),
                Optional.empty(), Optional.empty(), "level:ERROR", AuditEntry.Decision.ALLOWED, "", Optional.empty(),
                Optional.empty());
        try (ElasticsearchAuditShipper shipper = shipper(List.of(refusedOne, taken))) {
            assertThat(shipper.shipOnce()).isEqualTo(1);
            assertThat(shipper.refused()).isEqualTo(1);
            assertThat(shipper.shipOnce()).as("the next round is not held back by it").isEqualTo(1);
            assertThat(shipper.refused()).as("read again in the look-back, but not sent again").isEqualTo(1);
        }
        assertThat(count()).isEqualTo(1);
        http("DELETE", "/" + AUDIT_INDEX);
    }

    private ElasticsearchAuditShipper shipper() {
        return shipper(records);
    }

    private ElasticsearchAuditShipper shipper(List<AuditEvent> listed) {
        ElasticsearchLogStoreProperties p = ElasticsearchLogStoreProperties.local(ElasticsearchServer.get().uri(),
                "periscope-audit-shipper-it-logs");
        ElasticsearchLogStoreProperties withAuditIndex = new ElasticsearchLogStoreProperties(p.hosts(), p.apiKey(),
                p.username(), p.password(), p.caCertificate(), p.connectTimeout(), p.socketTimeout(), p.retry(),
                p.maxConcurrentRequests(), p.indexPattern(), p.writeIndex(), p.dataStream(), p.createTemplate(),
                p.fields(), p.maxPageSize(), p.maxBuckets(), AUDIT_INDEX);
        return new ElasticsearchAuditShipper(new ListedRecords(listed), withAuditIndex, Duration.ofHours(1), data);
    }

    private static long count() throws Exception {
        http("POST", "/" + AUDIT_INDEX + "/_refresh");
        Matcher m = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(http("GET", "/" + AUDIT_INDEX + "/_count"));
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String http(String method, String path) throws Exception {
        return http(method, path, null);
    }

    private static String http(String method, String path, @Nullable String json) throws Exception {
        URI uri = ElasticsearchServer.get().uri().resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static AuditEvent record(String id, long seq, Instant time) {
        return new AuditEvent(id, seq, time, "query", "dev", List.of("developer"), "session", "127.0.0.1", "test",
                "logs.search", "lucene", List.of("checkout"), Optional.empty(), Optional.empty(), "level:ERROR",
                AuditEntry.Decision.ALLOWED, "", Optional.empty(), Optional.empty());
    }

    /** The audit search over a fixed list, newest first, as the real one answers the shipper's query. */
    private record ListedRecords(List<AuditEvent> newestFirst) implements AuditSearch {

        @Override
        public Page search(AuditQuery query) {
            List<AuditEvent> matching = newestFirst.stream()
                    .filter(e -> query.from().map(from -> !e.time().isBefore(from)).orElse(true))
                    .filter(e -> query.to().map(e.time()::isBefore).orElse(true)).toList();
            int from = Math.min(query.offset(), matching.size());
            int to = Math.min(from + query.limit(), matching.size());
            return new Page(matching.subList(from, to), matching.size());
        }

        @Override
        public Optional<AuditEvent> find(String id) {
            return newestFirst.stream().filter(e -> e.id().equals(id)).findFirst();
        }

        @Override
        public long rebuild() {
            return newestFirst.size();
        }
    }
}
