package dev.periscope.logs.store.elasticsearch;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.ShardStatistics;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.elasticsearch.core.search.TotalHitsRelation;
import co.elastic.clients.util.NamedValue;
import dev.periscope.logs.query.LogFields;
import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryLimitExceededException;
import dev.periscope.logs.query.QueryNode;
import dev.periscope.logs.store.EventContext;
import dev.periscope.logs.store.EventPage;
import dev.periscope.logs.store.Histogram;
import dev.periscope.logs.store.LogCursor;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.LogStore;
import dev.periscope.logs.store.LogWriter;
import dev.periscope.logs.store.SortOrder;
import dev.periscope.logs.store.StoreQuery;
import dev.periscope.logs.store.TopValues;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The log store on an Elasticsearch cluster.
 *
 * <ul>
 *   <li>Order is (timestamp, id) as in every store, so a {@link LogCursor} is a {@code search_after} key; pages after
 *       the first reuse a point in time ({@link PointsInTime}), so paging walks one consistent view.</li>
 *   <li>Histograms are {@code date_histogram} with a fixed interval aligned like the embedded store's buckets; top
 *       values are a {@code terms} aggregation ordered by count, then value.</li>
 *   <li>Shard failures and shard timeouts do not fail a search: the page says it may be incomplete
 *       ({@link EventPage#partial()}).</li>
 *   <li>As a {@link LogWriter} it writes with bulk requests to {@code write-index}, with the event id as document id,
 *       so writing an event twice (ingest replaying after a crash) leaves one document.</li>
 * </ul>
 */
public final class ElasticsearchLogStore implements LogStore, LogWriter, Closeable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ElasticsearchLogStore.class);

    /** Beyond this many hits a page reports its total as a lower bound, as the embedded store does. */
    private static final int TOTAL_HITS_THRESHOLD = 10_000;
    private static final String CHECKPOINTS_INDEX = "periscope-ingest-checkpoints";

    private final ElasticsearchLogStoreProperties properties;
    private final ElasticsearchConnection connection;
    private final EsFields fields;
    private final ElasticsearchQueryBuilder queries;
    /** Fails closed on indices whose service, id or level fields are not exact values (see {@link MappingCheck}). */
    private final MappingCheck mapping;
    private final PointsInTime pits;

    public ElasticsearchLogStore(ElasticsearchLogStoreProperties properties) {
        this.properties = properties;
        this.connection = new ElasticsearchConnection(properties);
        this.fields = new EsFields(properties.fields());
        this.queries = new ElasticsearchQueryBuilder(fields);
        this.mapping = new MappingCheck(connection, properties.indexPattern(),
                List.of(properties.fields().service(), properties.fields().id(), properties.fields().level()));
        this.pits = new PointsInTime(connection, properties.indexPattern());
    }

    /**
     * Checks that the cluster answers (cluster health: minimal distributions have no {@code GET /}) and puts the index
     * template for the write index. A cluster that is down at start does not stop the portal: searches answer
     * "unavailable" until it is back.
     */
    public void start() {
        if (!properties.createTemplate()) {
            return;
        }
        QueryControl control = QueryControl.withTimeLimit(Duration.ofSeconds(30));
        try {
            putTemplate(control);
        } catch (RuntimeException e) {
            LOG.warn("Elasticsearch is not ready; the index template is put on the first write ({})", e.getMessage());
        }
    }

    private volatile boolean templatePut;

    private void putTemplate(QueryControl control) {
        if (templatePut) {
            return;
        }
        String body = json(Map.of(
                "index_patterns", List.of(properties.writeIndex()),
                "priority", 500,
                "template", Map.of("mappings", fields.mappings()),
                "_meta", Map.of("managed_by", "periscope")));
        Map<String, Object> withStream = properties.dataStream() ? Map.of("data_stream", Map.of()) : Map.of();
        if (!withStream.isEmpty()) {
            body = body.substring(0, body.length() - 1) + ",\"data_stream\":{}}";
        }
        String finalBody = body;
        connection.call(control, () -> connection.client().indices().putIndexTemplate(p -> p
                .name(properties.writeIndex() + "-template")
                .withJson(new java.io.StringReader(finalBody))));
        templatePut = true;
    }

    private static String json(Object value) {
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(value);
    }

    @Override
    public String backend() {
        return "elasticsearch";
    }

    @Override
    public int maxPageSize() {
        return properties.maxPageSize();
    }

    // ---------------------------------------------------------------- reading

    @Override
    public EventPage search(StoreQuery query, SortOrder order, int limit, Optional<LogCursor> after,
                            QueryControl control) {
        checkPageSize(limit);
        Query es = queries.build(query, query.fromMillis());
        if (after.isEmpty()) {
            return page(es, order, limit, after, Optional.empty(), control);
        }
        String key = query + "|" + order;
        Optional<String> pit = pits.forPaging(key, control);
        try {
            return page(es, order, limit, after, pit, control);
        } catch (RuntimeException e) {
            if (pit.isEmpty() || !PointsInTime.expired(e)) {
                throw e;
            }
            pits.forget(key);
            return page(es, order, limit, after, Optional.empty(), control);
        }
    }

    @Override
    public EventPage tail(StoreQuery query, LogCursor after, int limit, QueryControl control) {
        checkPageSize(limit);
        long from = Math.max(query.fromMillis(), after.timestamp());
        if (from >= query.toMillis()) {
            return new EventPage(List.of(), 0, true, Optional.empty());
        }
        return page(queries.build(query, from), SortOrder.OLDEST_FIRST, limit,
                Optional.of(after), Optional.empty(), control);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private EventPage page(Query query, SortOrder order, int limit, Optional<LogCursor> after, Optional<String> pit,
                           QueryControl control) {
        if (limit == 0) {
            return new EventPage(List.of(), 0, true, Optional.empty());
        }
        mapping.require(control);
        co.elastic.clients.elasticsearch._types.SortOrder direction = order == SortOrder.NEWEST_FIRST
                ? co.elastic.clients.elasticsearch._types.SortOrder.Desc
                : co.elastic.clients.elasticsearch._types.SortOrder.Asc;
        List<SortOptions> sort = List.of(
                SortOptions.of(s -> s.field(f -> f.field(fields.timestamp()).order(direction)
                        .unmappedType(FieldType.Date))),
                SortOptions.of(s -> s.field(f -> f.field(fields.id()).order(direction)
                        .unmappedType(FieldType.Keyword))));
        SearchRequest.Builder request = new SearchRequest.Builder()
                .query(query).size(limit).sort(sort)
                .trackTotalHits(t -> t.count(TOTAL_HITS_THRESHOLD))
                .timeout(timeout(control));
        if (pit.isPresent()) {
            request.pit(p -> p.id(pit.get()).keepAlive(k -> k.time(PointsInTime.KEEP_ALIVE)));
        } else {
            request.index(properties.indexPattern()).ignoreUnavailable(true).allowNoIndices(true);
        }
        after.ifPresent(c -> {
            List<FieldValue> values = new ArrayList<>(List.of(FieldValue.of(c.timestamp()), FieldValue.of(c.id())));
            if (pit.isPresent()) {
                // A point in time adds _shard_doc, ascending, as last sort key. (timestamp, id) is unique, so the
                // largest value puts the cursor's own event before the page whatever the order.
                values.add(FieldValue.of(Long.MAX_VALUE));
            }
            request.searchAfter(values);
        });
        SearchRequest built = request.build();
        SearchResponse<Map> response = connection.call(control,
                () -> connection.client().search(built, Map.class));
        control.check();
        List<LogEvent> events = new ArrayList<>(response.hits().hits().size());
        for (Hit<Map> hit : response.hits().hits()) {
            events.add(event(hit));
        }
        var total = response.hits().total();
        long count = total == null ? events.size() : total.value();
        boolean exact = total == null || total.relation() == TotalHitsRelation.Eq;
        Optional<LogCursor> next = events.size() == limit ? Optional.of(events.getLast().cursor()) : Optional.empty();
        return new EventPage(events, count, exact, next, partial(response.shards(), response.timedOut()));
    }

    @SuppressWarnings("unchecked")
    private LogEvent event(Hit<Map> hit) {
        List<FieldValue> sort = hit.sort();
        long timestamp = sort.get(0).longValue();
        String id = sort.get(1).isString() ? sort.get(1).stringValue() : "";
        if (!LogEvent.isId(id)) {
            // Documents shipped by other tools carry no Periscope id: one is derived from the document id.
            id = LogEvent.idOf(hit.id() == null ? 0 : stableHash(hit.index() + "/" + hit.id()));
        }
        return fields.event(hit.source() == null ? Map.of() : hit.source(), timestamp, id);
    }

    private static long stableHash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /** Why results may be incomplete, in words for the user; empty when every shard answered in time. */
    static Optional<String> partial(ShardStatistics shards, boolean timedOut) {
        if (shards != null && shards.failed().intValue() > 0) {
            String types = shards.failures().stream().map(f -> f.reason().type()).distinct()
                    .reduce((a, b) -> a + ", " + b).orElse("unknown");
            return Optional.of(shards.failed() + " of " + shards.total() + " shards of the log store failed ("
                    + types + "); results may be incomplete.");
        }
        if (timedOut) {
            return Optional.of("The log store ran out of time on some shards; results may be incomplete.");
        }
        return Optional.empty();
    }

    private static String timeout(QueryControl control) {
        return Math.max(1, control.remaining().toMillis()) + "ms";
    }

    private void checkPageSize(int limit) {
        if (limit < 0 || limit > properties.maxPageSize()) {
            throw new QueryLimitExceededException("A page holds at most " + properties.maxPageSize() + " events.");
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Histogram histogram(StoreQuery query, long intervalMillis, QueryControl control) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("interval must be positive");
        }
        long start = Math.floorDiv(query.fromMillis(), intervalMillis) * intervalMillis;
        long buckets = (query.toMillis() - start + intervalMillis - 1) / intervalMillis;
        if (buckets > properties.maxBuckets()) {
            throw new QueryLimitExceededException("The histogram would have " + buckets + " buckets; the limit is "
                    + properties.maxBuckets() + ". Use a longer interval.");
        }
        long[] counts = new long[(int) Math.max(buckets, 0)];
        if (counts.length == 0) {
            return new Histogram(start, intervalMillis, counts);
        }
        SearchRequest request = SearchRequest.of(s -> s.index(properties.indexPattern())
                .ignoreUnavailable(true).allowNoIndices(true)
                .query(queries.build(query, query.fromMillis()))
                .size(0).trackTotalHits(t -> t.enabled(false)).timeout(timeout(control))
                // Fixed intervals are aligned to the epoch, as the embedded store's buckets are.
                .aggregations("h", a -> a.dateHistogram(d -> d.field(fields.timestamp())
                        .fixedInterval(t -> t.time(intervalMillis + "ms")).minDocCount(1))));
        mapping.require(control);
        SearchResponse<Map> response = connection.call(control, () -> connection.client().search(request, Map.class));
        control.check();
        // A pattern that matches no index (a fresh cluster, every index aged out) answers with no aggregations.
        Aggregate histogram = response.aggregations().get("h");
        for (var bucket : histogram == null ? List.<co.elastic.clients.elasticsearch._types.aggregations
                .DateHistogramBucket>of() : histogram.dateHistogram().buckets().array()) {
            long index = (bucket.key() - start) / intervalMillis;
            if (index >= 0 && index < counts.length) {
                counts[(int) index] += bucket.docCount();
            }
        }
        return new Histogram(start, intervalMillis, counts, partial(response.shards(), response.timedOut()));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public TopValues topValues(StoreQuery query, String field, int size, QueryControl control) {
        if (field.equals(LogFields.MESSAGE) || field.equals(LogFields.TIMESTAMP)) {
            throw new QueryLimitExceededException("Top values are not available for the " + field + " field.");
        }
        if (size < 1 || size > 1000) {
            throw new QueryLimitExceededException("Ask for between 1 and 1000 top values.");
        }
        String target = fields.exact(field);
        SearchRequest request = SearchRequest.of(s -> s.index(properties.indexPattern())
                .ignoreUnavailable(true).allowNoIndices(true)
                .query(queries.build(query, query.fromMillis()))
                .size(0).trackTotalHits(t -> t.enabled(false)).timeout(timeout(control))
                .aggregations("top", a -> a.terms(t -> t.field(target).size(size)
                        // Counts are exact on one shard; over several, a larger shard size keeps them close.
                        .shardSize(Math.max(size * 5, 100))
                        .order(List.of(NamedValue.of("_count", co.elastic.clients.elasticsearch._types.SortOrder.Desc),
                                NamedValue.of("_key", co.elastic.clients.elasticsearch._types.SortOrder.Asc)))))
                .aggregations("with", a -> a.valueCount(v -> v.field(target))));
        mapping.require(control);
        SearchResponse<Map> response = connection.call(control, () -> connection.client().search(request, Map.class));
        control.check();
        Aggregate top = response.aggregations().get("top");
        List<TopValues.ValueCount> values = new ArrayList<>();
        long other;
        if (top == null) {
            other = 0; // no index matched: no values
        } else if (top.isSterms()) {
            for (StringTermsBucket b : top.sterms().buckets().array()) {
                values.add(new TopValues.ValueCount(b.key().stringValue(), b.docCount()));
            }
            other = top.sterms().sumOtherDocCount() == null ? 0 : top.sterms().sumOtherDocCount();
        } else if (top.isLterms()) {
            top.lterms().buckets().array().forEach(b -> values.add(new TopValues.ValueCount(
                    b.keyAsString() != null ? b.keyAsString() : Long.toString(b.key()), b.docCount())));
            other = top.lterms().sumOtherDocCount() == null ? 0 : top.lterms().sumOtherDocCount();
        } else if (top.isDterms()) {
            top.dterms().buckets().array().forEach(b -> values.add(new TopValues.ValueCount(
                    b.keyAsString() != null ? b.keyAsString() : Double.toString(b.key()), b.docCount())));
            other = top.dterms().sumOtherDocCount() == null ? 0 : top.dterms().sumOtherDocCount();
        } else {
            other = 0; // unmapped everywhere: no values
        }
        if (field.equals(LogFields.LEVEL)) {
            mergeLevelSpellings(values, size);
        }
        Aggregate withField = response.aggregations().get("with");
        Double with = withField == null ? null : withField.valueCount().value();
        return new TopValues(field, values, with == null ? 0 : with.longValue(), other,
                partial(response.shards(), response.timedOut()));
    }

    /**
     * Levels counted as other shippers wrote them ({@code error}, {@code ERROR}, {@code err}) are one level to the
     * reader: counted together under the name shown on the rows, so that clicking it filters what it counts.
     */
    static void mergeLevelSpellings(List<TopValues.ValueCount> values, int size) {
        Map<String, Long> merged = new java.util.LinkedHashMap<>();
        for (TopValues.ValueCount v : values) {
            merged.merge(LogFields.normaliseLevel(v.value()), v.count(), Long::sum);
        }
        values.clear();
        merged.forEach((level, count) -> values.add(new TopValues.ValueCount(level, count)));
        values.sort(java.util.Comparator.comparingLong(TopValues.ValueCount::count).reversed()
                .thenComparing(TopValues.ValueCount::value));
        if (values.size() > size) {
            values.subList(size, values.size()).clear();
        }
    }

    @Override
    public Optional<EventContext> context(String eventId, QueryNode scope, int before, int after,
                                          QueryControl control) {
        checkPageSize(before);
        checkPageSize(after);
        if (!LogEvent.isId(eventId)) {
            return Optional.empty();
        }
        Query scoped = queries.build(scope);
        Query anchorQuery = Query.of(q -> q.bool(b -> b
                .filter(queries.build(new QueryNode.Term(LogFields.ID, eventId))).filter(scoped)));
        EventPage found = page(anchorQuery, SortOrder.NEWEST_FIRST, 1, Optional.empty(), Optional.empty(), control);
        if (found.events().isEmpty()) {
            return Optional.empty();
        }
        LogEvent anchor = found.events().getFirst();
        Query stream = Query.of(q -> q.bool(b -> b
                .filter(queries.build(new QueryNode.Term(LogFields.SERVICE, anchor.service())))
                .filter(queries.build(new QueryNode.Term(LogFields.SOURCE, anchor.source())))
                .filter(scoped)));
        List<LogEvent> older = before == 0 ? List.of() : new ArrayList<>(page(stream, SortOrder.NEWEST_FIRST, before,
                Optional.of(anchor.cursor()), Optional.empty(), control).events());
        Collections.reverse(older);
        List<LogEvent> newer = after == 0 ? List.of() : page(stream, SortOrder.OLDEST_FIRST, after,
                Optional.of(anchor.cursor()), Optional.empty(), control).events();
        return Optional.of(new EventContext(older, anchor, newer));
    }

    // ---------------------------------------------------------------- writing

    /** Events per bulk request: a few MB, which clusters digest without long pauses. */
    private static final int BULK_SIZE = 5_000;

    @Override
    public void add(List<LogEvent> events) {
        for (int start = 0; start < events.size(); start += BULK_SIZE) {
            bulk(events.subList(start, Math.min(events.size(), start + BULK_SIZE)));
        }
    }

    /**
     * Error types with which a cluster refuses a document for what is in it, not for its own state: such an event is
     * written again with its structured fields unindexed ({@link EsFields#documentWithFieldsUnindexed}). Any other
     * refusal (a read-only or closed index, unavailable shards) fails the batch, and ingest reads it again later.
     */
    private static final Set<String> REFUSED_FOR_CONTENT = Set.of("document_parsing_exception",
            "mapper_parsing_exception", "illegal_argument_exception", "strict_dynamic_mapping_exception");

    private final AtomicLong unindexed = new AtomicLong();

    /** Events written with their structured fields unindexed since start (see {@link #REFUSED_FOR_CONTENT}). */
    public long eventsWithFieldsUnindexed() {
        return unindexed.get();
    }

    /** An event to write, and why its ordinary document was refused, if it was. */
    private record Pending(LogEvent event, Optional<String> refusedBecause) {
    }

    private void bulk(List<LogEvent> events) {
        QueryControl control = QueryControl.withTimeLimit(properties.socketTimeout().multipliedBy(2));
        if (properties.createTemplate()) {
            // Off when the operator manages templates: the key may lack the right, and ours would replace theirs.
            putTemplate(control);
        }
        List<Pending> pending = events.stream().map(e -> new Pending(e, Optional.empty())).toList();
        Duration backoff = properties.retry().initialBackoff();
        for (int attempt = 1; ; attempt++) {
            List<BulkOperation> operations = new ArrayList<>(pending.size());
            for (Pending p : pending) {
                LogEvent event = p.event();
                Map<String, Object> doc = p.refusedBecause()
                        .map(reason -> fields.documentWithFieldsUnindexed(event, reason))
                        .orElseGet(() -> fields.document(event));
                operations.add(properties.dataStream()
                        ? BulkOperation.of(o -> o.create(c -> c.index(properties.writeIndex()).id(event.id())
                                .document(doc)))
                        : BulkOperation.of(o -> o.index(i -> i.index(properties.writeIndex()).id(event.id())
                                .document(doc))));
            }
            BulkRequest request = BulkRequest.of(b -> b.operations(operations));
            BulkResponse response = connection.call(control, () -> connection.client().bulk(request));
            if (!response.errors()) {
                return;
            }
            List<Pending> again = new ArrayList<>();
            boolean busy = false;
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < response.items().size(); i++) {
                BulkResponseItem item = response.items().get(i);
                if (item.error() == null || properties.dataStream() && item.status() == 409) {
                    continue; // written (or, in a data stream, written before: ids are stable)
                }
                Pending p = pending.get(i);
                String type = item.error().type();
                if (item.status() == 429) {
                    again.add(p);
                    busy = true;
                } else if (p.refusedBecause().isEmpty() && REFUSED_FOR_CONTENT.contains(type)) {
                    // Refused for its fields: stored without indexing them, never dropped, never blocking the rest.
                    again.add(new Pending(p.event(), Optional.of(type)));
                    unindexed.incrementAndGet();
                    // The type only: the cluster's reason can quote the refused value.
                    LOG.warn("Elasticsearch refused event {} ({}); writing it with its structured fields unindexed",
                            p.event().id(), type);
                } else {
                    failures.add(type);
                }
            }
            if (!failures.isEmpty()) {
                // Never dropped silently: the ingest sees the failure and reads the batch again.
                throw new IllegalStateException(failures.size() + " of " + pending.size()
                        + " events were refused by Elasticsearch (" + String.join(", ",
                        failures.stream().distinct().toList()) + ")");
            }
            if (again.isEmpty()) {
                return;
            }
            if (attempt >= properties.retry().attempts() + 2) {
                throw new IllegalStateException(again.size() + " events were not accepted by a busy Elasticsearch");
            }
            pending = again;
            if (busy) {
                ElasticsearchConnection.sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(properties.retry().maxBackoff()) > 0
                        ? properties.retry().maxBackoff() : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Each bulk request is durable when it returns (the cluster's translog), so commit only records the checkpoint.
     * A crash between a bulk and its checkpoint makes ingest write the same events again; their ids are stable, so
     * the second write replaces the first instead of duplicating it.
     */
    @Override
    public void commit(String checkpoint) {
        QueryControl control = QueryControl.withTimeLimit(properties.socketTimeout());
        connection.call(control, () -> connection.client().index(i -> i.index(CHECKPOINTS_INDEX)
                .id(properties.writeIndex()).document(Map.of("checkpoint", checkpoint))));
    }

    /** The event id is the document id: writing an event again replaces it. */
    @Override
    public boolean replacesById() {
        return true;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Optional<String> committedCheckpoint() {
        QueryControl control = QueryControl.withTimeLimit(properties.socketTimeout());
        try {
            var response = connection.call(control, () -> connection.client().get(g -> g.index(CHECKPOINTS_INDEX)
                    .id(properties.writeIndex()), Map.class));
            return response.found() && response.source() != null
                    ? Optional.ofNullable((String) response.source().get("checkpoint")) : Optional.empty();
        } catch (dev.periscope.logs.query.BackendUnavailableException e) {
            // A cluster that is down at start must not keep the portal from starting. Without a checkpoint ingest
            // reads its files from the start; events keep their ids, so those already written replace themselves.
            if (!(e.getCause() instanceof co.elastic.clients.elasticsearch._types.ElasticsearchException es
                    && es.status() == 404)) {
                LOG.warn("The ingest checkpoint cannot be read from Elasticsearch ({}); ingest starts from the "
                        + "beginning of its files", e.getMessage());
            }
            return Optional.empty();
        }
    }

    @Override
    public void refresh() {
        QueryControl control = QueryControl.withTimeLimit(properties.socketTimeout());
        connection.call(control, () -> connection.client().indices().refresh(r -> r.index(properties.writeIndex())
                .ignoreUnavailable(true).allowNoIndices(true)));
    }

    /** Deletes the write index (tests and the bench start from an empty store). */
    public void deleteWriteIndex() {
        QueryControl control = QueryControl.withTimeLimit(properties.socketTimeout());
        connection.call(control, () -> connection.client().indices().delete(d -> d.index(properties.writeIndex())
                .ignoreUnavailable(true)));
    }

    @Override
    public void close() throws IOException {
        pits.close();
        connection.close();
    }
}
