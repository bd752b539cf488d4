package dev.periscope.logs.store.elasticsearch;

import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import dev.periscope.audit.AuditEvent;
import dev.periscope.audit.AuditQuery;
import dev.periscope.audit.AuditSearch;
import dev.periscope.logs.query.QueryControl;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies audit records to an Elasticsearch index, so that a company's existing tools see them beside its logs.
 *
 * <p>The local hash chain stays the truth: this shipper only reads the audit module's public search (which is derived
 * from the chain), on its own thread, after the fact. A read never waits for it and a cluster that is down never
 * refuses a read; records are shipped again until the cluster has taken them. Each record's id is its document id,
 * so shipping a record twice (again with its outcome, once the read completed) replaces it instead of duplicating it.
 *
 * <p>The newest record time the index has taken is kept in a file under the data directory, per audit index, so a
 * restart resumes there. If the index is gone at start (deleted, or a new cluster), everything is shipped again.
 */
public final class ElasticsearchAuditShipper implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchAuditShipper.class);
    /** Records are re-read this far back, so that completions recorded after their start are shipped too. */
    private static final Duration LOOKBACK = Duration.ofMinutes(2);
    private static final int PAGE = 500;
    /** Reads still open after this long (a tail left running) are no longer watched for their completion. */
    private static final Duration LONGEST_READ = Duration.ofHours(24);
    private static final int MAX_AWAITED = 10_000;

    private final AuditSearch audit;
    private final ElasticsearchConnection connection;
    private final String index;
    private final boolean createTemplate;
    /** Whether the audit index's template is in place (or is not ours to put); read and written inside shipOnce. */
    private boolean templatePut;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    /** The newest record time the index has taken; read and written only inside {@link #shipOnce}'s lock. */
    private Instant watermark;
    private final AtomicLong shipped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final ShippedWatermark kept;
    /** Whether the first round has checked that the index still holds what the kept watermark says. */
    private boolean indexChecked;
    /**
     * Reads shipped before they completed (a live tail, a long export), by id, with their start: shipped again once
     * their completion is recorded, however long after the look-back that is. Kept in memory only: a restart ships
     * the completions that come within the look-back, not older ones.
     */
    private final Map<String, Instant> awaitingCompletion = new LinkedHashMap<>();
    /**
     * Records the index refused for what they hold, by id: the look-back reads them again, and sending them again
     * would only be refused, logged and counted again. Bounded; the oldest are forgotten first.
     */
    private final java.util.SequencedSet<String> refusedIds = new java.util.LinkedHashSet<>();

    /**
     * @param stateDirectory where the shipping watermark is kept (the portal's data directory)
     */
    public ElasticsearchAuditShipper(AuditSearch audit, ElasticsearchLogStoreProperties properties, Duration interval,
            Path stateDirectory) {
        this.audit = audit;
        this.connection = new ElasticsearchConnection(properties);
        this.index = properties.auditIndex();
        this.createTemplate = properties.createTemplate();
        this.interval = interval;
        this.kept = new ShippedWatermark(stateDirectory.resolve(
                "elasticsearch-audit-shipped-" + index.replaceAll("[^A-Za-z0-9._-]", "_")));
        this.watermark = kept.load();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("audit-shipper").daemon().factory());
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::shipQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Records taken by the cluster since start (a record shipped again counts again). */
    public long shipped() {
        return shipped.get();
    }

    /** Records the audit index refused for what they hold; they are not shipped again (the chain keeps them). */
    public long refused() {
        return refused.get();
    }

    /** Rounds that failed and will be retried. */
    public long failures() {
        return failures.get();
    }

    private void shipQuietly() {
        try {
            shipOnce();
        } catch (RuntimeException e) {
            // Retried on the next round from the same watermark; the chain keeps every record meanwhile.
            long n = failures.incrementAndGet();
            if (n == 1 || n % 60 == 0) {
                log.warn("Audit records could not be shipped to Elasticsearch ({}); retrying", e.getMessage());
            }
        }
    }

    /** Ships every record at or after the watermark (less the look-back); returns how many. */
    public synchronized int shipOnce() {
        if (!indexChecked) {
            if (watermark.isAfter(Instant.EPOCH) && !indexExists()) {
                log.info("The audit index {} is not there; shipping the whole audit trail again", index);
                watermark = Instant.EPOCH;
            }
            indexChecked = true;
        }
        putTemplate();
        // Never from beyond now: a clock that ran ahead and was set back must not hide the records after it.
        Instant now = Instant.now();
        Instant since = (watermark.isAfter(now) ? now : watermark).minus(LOOKBACK);
        Instant previous = watermark;
        Instant newest = previous;
        int count = 0;
        // Newest first, a page at a time below the oldest record of the page before: paging by offset alone made a
        // full re-ship read offset + page records per page, quadratic in the trail's size. The records of the
        // millisecond a page ended in come first in the next one; those already shipped are skipped by offset.
        Optional<Instant> before = Optional.empty();
        int shippedAtEdge = 0;
        while (true) {
            AuditQuery query = new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.of(since), before, Optional.empty(), shippedAtEdge, PAGE);
            List<AuditEvent> events = audit.search(query).events();
            if (events.isEmpty()) {
                break;
            }
            count += bulk(events);
            for (AuditEvent e : events) {
                newest = e.time().isAfter(newest) ? e.time() : newest;
                awaitCompletion(e);
            }
            if (events.size() < PAGE) {
                break;
            }
            Instant edge = events.getLast().time();
            int atEdge = (int) events.stream().filter(e -> e.time().equals(edge)).count();
            boolean sameEdge = before.isPresent() && before.get().equals(edge.plusMillis(1));
            shippedAtEdge = sameEdge ? shippedAtEdge + atEdge : atEdge;
            before = Optional.of(edge.plusMillis(1));
        }
        count += shipCompleted(now);
        watermark = newest;
        if (newest.isAfter(previous)) {
            kept.save(newest);
        }
        shipped.addAndGet(count);
        return count;
    }

    private void awaitCompletion(AuditEvent e) {
        if (e.type().equals("begin") && e.outcome().isEmpty()) {
            awaitingCompletion.put(e.id(), e.time());
            if (awaitingCompletion.size() > MAX_AWAITED) {
                awaitingCompletion.remove(awaitingCompletion.keySet().iterator().next());
            }
        } else {
            awaitingCompletion.remove(e.id());
        }
    }

    /** Ships again the reads that completed since they were shipped; returns how many. */
    private int shipCompleted(Instant now) {
        Instant givenUp = now.minus(LONGEST_READ);
        List<AuditEvent> completed = new ArrayList<>();
        awaitingCompletion.entrySet().removeIf(e -> e.getValue().isBefore(givenUp));
        for (String id : awaitingCompletion.keySet()) {
            audit.find(id).filter(e -> e.outcome().isPresent()).ifPresent(completed::add);
        }
        if (completed.isEmpty()) {
            return 0;
        }
        int taken = bulk(completed);
        completed.forEach(e -> awaitingCompletion.remove(e.id()));
        return taken;
    }

    /**
     * Puts the audit index's mappings before its first record, so that times are dates and names exact values in
     * the tools that read the index; dynamic mapping would make the dotted names text and leave the range numbers.
     * Failing to put it fails the round, which is retried: records are never shipped into an index mapped by guess.
     */
    private void putTemplate() {
        if (templatePut || !createTemplate) {
            return;
        }
        String body = AUDIT_TEMPLATE.formatted(index);
        connection.call(QueryControl.withTimeLimit(Duration.ofSeconds(30)),
                () -> connection.client().indices().putIndexTemplate(p -> p.name(index + "-template")
                        .withJson(new java.io.StringReader(body))));
        templatePut = true;
    }

    private static final String AUDIT_TEMPLATE = """
            {"index_patterns": ["%s"], "priority": 500, "_meta": {"managed_by": "periscope"},
             "template": {"mappings": {"properties": {
               "@timestamp": {"type": "date"},
               "event": {"properties": {"id": {"type": "keyword"}, "sequence": {"type": "long"},
                 "action": {"type": "keyword"}, "outcome": {"type": "keyword"}}},
               "user": {"properties": {"id": {"type": "keyword"}, "roles": {"type": "keyword"}}},
               "source": {"properties": {"address": {"type": "keyword"}}},
               "user_agent": {"properties": {"original": {"type": "keyword", "ignore_above": 1024}}},
               "periscope": {"properties": {"type": {"type": "keyword"}, "backend": {"type": "keyword"},
                 "services": {"type": "keyword"}, "grant": {"type": "keyword"},
                 "range": {"properties": {"from": {"type": "date"}, "to": {"type": "date"}}},
                 "query": {"type": "text", "fields": {"exact": {"type": "keyword", "ignore_above": 1024}}},
                 "reason": {"type": "text"},
                 "outcome": {"properties": {"count": {"type": "long"}, "bytes": {"type": "long"},
                   "duration_ms": {"type": "long"}, "withheld": {"type": "long"}}}}}}}}}
            """;

    private boolean indexExists() {
        return connection.call(QueryControl.withTimeLimit(Duration.ofSeconds(30)),
                () -> connection.client().indices().exists(e -> e.index(index))).value();
    }

    /**
     * Sends the records; returns how many the index took. A record the index refuses for what it holds (a mapping
     * it cannot take: a 4xx answer for that record) is logged by id and counted, and the round goes on: the chain
     * keeps it, and shipping it again would fail again and hold back every record after it. Any other refusal (the
     * cluster busy or failing) fails the round, which is retried.
     */
    private int bulk(List<AuditEvent> all) {
        List<AuditEvent> events = all.stream().filter(e -> !refusedIds.contains(e.id())).toList();
        if (events.isEmpty()) {
            return 0;
        }
        List<BulkOperation> operations = new ArrayList<>(events.size());
        for (AuditEvent event : events) {
            Map<String, Object> doc = document(event);
            operations.add(BulkOperation.of(o -> o.index(i -> i.index(index).id(event.id()).document(doc))));
        }
        BulkResponse response = connection.call(QueryControl.withTimeLimit(Duration.ofSeconds(30)),
                () -> connection.client().bulk(BulkRequest.of(b -> b.operations(operations))));
        if (!response.errors()) {
            return events.size();
        }
        int taken = 0;
        for (BulkResponseItem item : response.items()) {
            if (item.error() == null) {
                taken++;
            } else if (item.status() >= 400 && item.status() < 500 && item.status() != 429) {
                refused.incrementAndGet();
                refusedIds.add(item.id());
                if (refusedIds.size() > MAX_AWAITED) {
                    refusedIds.removeFirst();
                }
                log.error("The audit index {} refused audit record {} ({}); it stays in the local audit trail",
                        index, item.id(), item.error().type());
            } else {
                throw new IllegalStateException("the audit index refused some records (" + item.error().type() + ")");
            }
        }
        return taken;
    }

    private static Map<String, Object> document(AuditEvent e) {
        Map<String, Object> doc = new LinkedHashMap<>();
        // Epoch milliseconds, as from the start: indices mapped before the template (dynamically, as numbers) keep
        // taking them, and a date field takes them too.
        doc.put("@timestamp", e.time().toEpochMilli());
        doc.put("event.id", e.id());
        doc.put("event.sequence", e.seq());
        doc.put("event.action", e.action());
        doc.put("event.outcome", e.decision().name().toLowerCase(java.util.Locale.ROOT));
        doc.put("user.id", e.userId());
        doc.put("user.roles", e.roles());
        doc.put("source.address", e.clientAddress());
        doc.put("user_agent.original", e.userAgent());
        doc.put("periscope.type", e.type());
        doc.put("periscope.backend", e.backend());
        doc.put("periscope.services", e.services());
        e.from().ifPresent(t -> doc.put("periscope.range.from", t.toEpochMilli()));
        e.to().ifPresent(t -> doc.put("periscope.range.to", t.toEpochMilli()));
        doc.put("periscope.query", e.maskedQuery());
        doc.put("periscope.reason", e.reason());
        e.grantId().ifPresent(g -> doc.put("periscope.grant", g));
        e.outcome().ifPresent(o -> {
            doc.put("periscope.outcome.count", o.count());
            doc.put("periscope.outcome.bytes", o.bytes());
            doc.put("periscope.outcome.duration_ms", o.durationMillis());
            doc.put("periscope.outcome.withheld", o.withheld());
        });
        return doc;
    }

    @Override
    public void close() throws IOException {
        scheduler.shutdownNow();
        connection.close();
    }
}
