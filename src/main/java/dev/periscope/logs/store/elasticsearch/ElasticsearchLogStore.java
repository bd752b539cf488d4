package dev.periscope.logs.store.elasticsearch;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.ShardStatistics;
import co.elastic.clients.elasticsearch._types.FieldSortNumericType;
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
    private final ClusterScreen screen;
    /** About 200 bytes an entry: the ids of the last pages shown, from documents other tools wrote. */
    private final DerivedIds foreign = new DerivedIds(50_000);

    public ElasticsearchLogStore(ElasticsearchLogStoreProperties properties) {
        this.properties = properties;
        this.connection = new ElasticsearchConnection(properties);
        this.fields = new EsFields(properties.fields());
        this.queries = new ElasticsearchQueryBuilder(fields);
        this.mapping = new MappingCheck(connection, properties.indexPattern(),
                List.of(properties.fields().service(), properties.fields().id(), properties.fields().level()));
        this.pits = new PointsInTime(connection, properties.indexPattern());
        this.screen = new ClusterScreen(connection, queries, fields, properties.indexPattern());
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
        Query es = build(query, query.fromMillis(), control);
        if (after.isEmpty()) {
            return page(es, order, limit, after, Optional.empty(), control);
        }
        // A point in time is a view of the indices, not of a time range: keyed without the range, a relative range
        // that moves a little between pages keeps its view instead of opening a new one each page.
        String key = query.filter() + "|" + order;
        Optional<PointsInTime.Use> pit = pits.forPaging(key, control);
        try {
            EventPage page = page(es, order, limit, after, pit, control);
            if (pit.isPresent() && page.partial().isPresent()) {
                // A shard lost to a point in time stays lost to it: the next page opens a new one.
                pit.get().forget();
            }
            return page;
        } catch (RuntimeException e) {
            if (pit.isEmpty() || !PointsInTime.expired(e)) {
                throw e;
            }
            pit.get().forget();
            return page(es, order, limit, after, Optional.empty(), control);
        }
    }

    /** The query for the cluster, its patterns and numeric ranges kept from what masking hides. */
    private Query build(StoreQuery query, long from, QueryControl control) {
        return queries.screened(screen.screen(query, from, control)).build(query, from);
    }

    @Override
    public EventPage tail(StoreQuery query, LogCursor after, int limit, QueryControl control) {
        checkPageSize(limit);
        long from = Math.max(query.fromMillis(), after.timestamp());
        if (from >= query.toMillis()) {
            return new EventPage(List.of(), 0, true, Optional.empty());
        }
        return page(build(query, from, control), SortOrder.OLDEST_FIRST, limit,
                Optional.of(after), Optional.empty(), control);
    }

    /**
     * A page in the order of {@link TieOrder}. After a cursor on one of Periscope's own events, whose ids are unique,
     * the cluster pages through the rest of its millisecond itself ({@code search_after} the cursor's timestamp and
     * id), however many events share it; only documents without an id there are ordered here. After any other
     * cursor, the rest of the cursor's timestamp group is read whole and ordered here, and the cluster's hits start
     * past that timestamp. A page that ends inside a tie the cluster cannot order (documents without an id, or
     * sharing one) has its last group read whole too. Periscope's own documents never tie, so their pages cost one
     * request, and one more (for the cursor's group) after a cursor.
     */
    private EventPage page(Query query, SortOrder order, int limit, Optional<LogCursor> after,
                           Optional<PointsInTime.Use> pit, QueryControl control) {
        if (limit == 0) {
            return new EventPage(List.of(), 0, true, Optional.empty());
        }
        mapping.require(control);
        List<TieOrder.Ranked> head = List.of();
        List<String> notes = new ArrayList<>();
        int atCursorTime = 0;
        List<FieldValue> searchAfter = List.of();
        boolean ascending = order == SortOrder.OLDEST_FIRST;
        // Whether the keyed documents of the cursor's timestamp come from the cluster's hits (an own cursor).
        boolean keyedByCluster = false;
        if (after.isPresent()) {
            LogCursor cursor = after.get();
            Optional<Group> own = foreign.find(cursor.id()).isPresent() ? Optional.empty()
                    : ownCursorGroup(query, cursor, order, pit, control);
            if (own.isPresent()) {
                // Ascending, the documents without an id follow every keyed one of the millisecond; descending,
                // they came before the cursor.
                own.get().note().ifPresent(notes::add);
                head = TieOrder.distinct(own.get().members().stream().filter(r -> !r.keyed()).toList(), order);
                atCursorTime = head.size();
                searchAfter = List.of(FieldValue.of(cursor.timestamp()), FieldValue.of(cursor.id()));
                keyedByCluster = true;
            } else {
                Group group = group(query, cursor.timestamp(), order, pit, control);
                group.note().ifPresent(notes::add);
                head = TieOrder.after(group.members(), cursor, order);
                // Past every keyed document of the cursor's timestamp: descending, "" is below every key (and a
                // missing key counts as the largest); ascending, only documents without a key are left, and they
                // are dropped.
                atCursorTime = ascending ? (int) group.members().stream().filter(r -> !r.keyed()).count() : 0;
                searchAfter = List.of(FieldValue.of(cursor.timestamp()), FieldValue.of(ascending ? HIGHEST_KEY : ""));
            }
        }
        // One more than the page tells whether it ends inside a tie; after a cursor, the hits of the cursor's
        // millisecond that are dropped below come first, and a few more may have arrived since its group was read.
        int size = limit + 1 + (after.isPresent() ? atCursorTime + AT_CURSOR_MARGIN : 0);
        // Sources come with the hits when the page is about all they are; many hits of the cursor's millisecond
        // (dropped below) are read without, and the page's events are then loaded on their own.
        Hits hits = search(query, order, size, searchAfter, pit, size <= limit + 1 + AT_CURSOR_MARGIN + 100, control);
        hits.partial().ifPresent(notes::add);
        List<TieOrder.Ranked> merged = new ArrayList<>(head);
        for (TieOrder.Ranked hit : hits.ranked()) {
            if (after.isEmpty() || hit.timestamp() != after.get().timestamp() || keyedByCluster && hit.keyed()) {
                merged.add(hit);
            }
        }
        merged.sort(TieOrder.of(order));
        List<TieOrder.Ranked> ranked = new ArrayList<>(merged.size());
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (TieOrder.Ranked hit : merged) {
            if (ids.add(hit.id())) { // an event written twice (two indices) is shown once
                ranked.add(hit);
            }
        }
        // More follow when more distinct events than the page are known, or the cluster had more hits to give than
        // were asked for (an event written twice leaves fewer distinct events than hits).
        boolean rawFull = hits.ranked().size() == size;
        boolean more = ranked.size() > limit || rawFull;
        int last = Math.min(limit, ranked.size()) - 1;
        // The cursor's group, read whole already when the cluster did not order it; after an own cursor, its
        // documents without an id were.
        boolean inReadGroup = last >= 0 && after.isPresent() && ranked.get(last).timestamp() == after.get().timestamp()
                && (!keyedByCluster || !ranked.get(last).keyed());
        boolean endsInTie = last >= 0 && !inReadGroup && (ranked.size() > limit
                ? TieOrder.tie(ranked.get(limit - 1), ranked.get(limit))
                : rawFull); // what follows is not known: the last millisecond is read whole to be sure
        if (endsInTie) {
            // The page ends inside a tie: which of the group come first is decided on the whole group.
            long time = ranked.get(last).timestamp();
            Group group = group(query, time, order, pit, control);
            group.note().ifPresent(notes::add);
            List<TieOrder.Ranked> members = after.isPresent() && time == after.get().timestamp()
                    ? TieOrder.after(group.members(), after.get(), order)
                    : TieOrder.distinct(group.members(), order);
            List<TieOrder.Ranked> before = new ArrayList<>(ranked.subList(0, last + 1));
            before.removeIf(r -> r.timestamp() == time);
            before.addAll(members);
            ranked = before;
        }
        List<TieOrder.Ranked> shown = ranked.subList(0, Math.min(limit, ranked.size()));
        if (after.isPresent() && shown.isEmpty() && more) {
            return pastCursorTime(query, order, limit, after.get(), pit, notes, control);
        }
        List<LogEvent> events = load(shown, query, pit, notes, control);
        Optional<LogCursor> next = more && !shown.isEmpty() ? Optional.of(shown.getLast().cursor())
                : Optional.empty();
        Optional<String> partial = notes.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", notes));
        return new EventPage(events, hits.total(), hits.exact(), next, partial);
    }

    /**
     * The cursor's millisecond, when it is one of Periscope's own events: the cursor's document (to know it is
     * one) and, ascending, the documents without an id, which follow every keyed one. Empty when no document of that
     * millisecond has the cursor's id (another tool's document, or one gone since).
     */
    private Optional<Group> ownCursorGroup(Query query, LogCursor cursor, SortOrder order,
                                           Optional<PointsInTime.Use> pit, QueryControl control) {
        Query cursorDocument = Query.of(q -> q.term(t -> t.field(fields.id()).value(cursor.id())));
        Query wanted = order == SortOrder.OLDEST_FIRST
                ? Query.of(q -> q.bool(b -> b.minimumShouldMatch("1").should(cursorDocument)
                        .should(s -> s.bool(n -> n.mustNot(m -> m.exists(e -> e.field(fields.id())))))))
                : cursorDocument;
        Query within = Query.of(q -> q.bool(b -> b.filter(query).filter(wanted)));
        Group group = group(within, cursor.timestamp(), order, pit, control);
        boolean own = group.members().stream().anyMatch(r -> cursor.id().equals(r.key()));
        return own ? Optional.of(group) : Optional.empty();
    }

    /**
     * Goes on past the cursor's millisecond when nothing of it could be placed after the cursor though the cluster
     * has more: a millisecond of more events than {@link #GROUP_LIMIT} without ids of their own, whose members past
     * the first read cannot be ordered (the page says some may be skipped). Without this, paging would end there.
     */
    private EventPage pastCursorTime(Query query, SortOrder order, int limit, LogCursor cursor,
                                     Optional<PointsInTime.Use> pit, List<String> notes, QueryControl control) {
        String time = Long.toString(cursor.timestamp());
        boolean ascending = order == SortOrder.OLDEST_FIRST;
        Query past = queries.build(new QueryNode.Range(LogFields.TIMESTAMP,
                ascending ? Optional.of(time) : Optional.empty(), ascending ? Optional.empty() : Optional.of(time),
                false, false));
        EventPage page = page(Query.of(q -> q.bool(b -> b.filter(query).filter(past))), order, limit,
                Optional.empty(), pit, control);
        List<String> all = new ArrayList<>(notes);
        page.partial().ifPresent(all::add);
        Optional<String> partial = all.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", all));
        return new EventPage(page.events(), page.total(), page.totalExact(), page.next(), partial);
    }

    private static final EventPage EMPTY = new EventPage(List.of(), 0, true, Optional.empty());

    /** Above every key a document can hold in practice (keys are ids: hex digits, UUIDs, shippers' hashes). */
    private static final String HIGHEST_KEY = "\uffff\uffff\uffff\uffff";
    /** Documents of the cursor's timestamp that may arrive between reading its group and reading on. */
    private static final int AT_CURSOR_MARGIN = 16;
    /** The most members of one timestamp group read to order them; beyond it the page says so. */
    static final int GROUP_LIMIT = 5_000;

    private record Hits(List<TieOrder.Ranked> ranked, long total, boolean exact, Optional<String> partial) {
    }

    private record Group(List<TieOrder.Ranked> members, Optional<String> note) {
    }

    /** Every event of one millisecond that the query matches, up to {@link #GROUP_LIMIT}. */
    private Group group(Query query, long time, SortOrder order, Optional<PointsInTime.Use> pit,
                        QueryControl control) {
        Query inGroup = Query.of(q -> q.bool(b -> b.filter(query).filter(queries.build(new QueryNode.Range(
                LogFields.TIMESTAMP, Optional.of(Long.toString(time)), Optional.of(Long.toString(time + 1)), true,
                false)))));
        // Without sources: a group can be thousands of events, of which a page shows a few.
        Hits hits = search(inGroup, order, GROUP_LIMIT + 1, List.of(), pit, false, control);
        List<String> notes = new ArrayList<>();
        hits.partial().ifPresent(notes::add);
        List<TieOrder.Ranked> members = hits.ranked();
        if (members.size() > GROUP_LIMIT) {
            members = members.subList(0, GROUP_LIMIT);
            notes.add("More than " + GROUP_LIMIT + " events share the time "
                    + java.time.Instant.ofEpochMilli(time) + "; paging through them may skip some.");
        }
        return new Group(members, notes.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", notes)));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Hits search(Query query, SortOrder order, int size, List<FieldValue> searchAfter,
                        Optional<PointsInTime.Use> pit, boolean withSources, QueryControl control) {
        boolean ascending = order == SortOrder.OLDEST_FIRST;
        co.elastic.clients.elasticsearch._types.SortOrder direction = ascending
                ? co.elastic.clients.elasticsearch._types.SortOrder.Asc
                : co.elastic.clients.elasticsearch._types.SortOrder.Desc;
        List<SortOptions> sort = List.of(
                // Milliseconds whatever the field's type (date or date_nanos), so indices of both sort together.
                SortOptions.of(s -> s.field(f -> f.field(fields.timestamp()).order(direction)
                        .numericType(FieldSortNumericType.Date).unmappedType(FieldType.Date))),
                // A missing id is the largest: last ascending, first descending (TieOrder).
                SortOptions.of(s -> s.field(f -> f.field(fields.id()).order(direction)
                        .missing(FieldValue.of(ascending ? "_last" : "_first"))
                        .unmappedType(FieldType.Keyword))));
        SearchRequest.Builder request = new SearchRequest.Builder()
                .query(query).size(size).sort(sort).source(src -> src.fetch(withSources))
                .trackTotalHits(t -> t.count(TOTAL_HITS_THRESHOLD))
                .timeout(timeout(control));
        if (pit.isPresent()) {
            request.pit(p -> p.id(pit.get().id()).keepAlive(k -> k.time(PointsInTime.KEEP_ALIVE)));
        } else {
            request.index(properties.indexPattern()).ignoreUnavailable(true).allowNoIndices(true);
        }
        if (!searchAfter.isEmpty()) {
            List<FieldValue> values = new ArrayList<>(searchAfter);
            if (pit.isPresent()) {
                // A point in time adds _shard_doc, ascending, as last sort key; the largest value leaves the
                // documents equal on the first two keys behind, as without a point in time.
                values.add(FieldValue.of(Long.MAX_VALUE));
            }
            request.searchAfter(values);
        }
        SearchRequest built = request.build();
        SearchResponse<Map> response = connection.call(control,
                () -> connection.client().search(built, Map.class));
        pit.ifPresent(p -> p.returned(response.pitId()));
        control.check();
        List<TieOrder.Ranked> ranked = new ArrayList<>(response.hits().hits().size());
        for (Hit<Map> hit : response.hits().hits()) {
            ranked.add(ranked(hit, withSources));
        }
        var total = response.hits().total();
        long count = total == null ? ranked.size() : total.value();
        boolean exact = total == null || total.relation() == TotalHitsRelation.Eq;
        return new Hits(ranked, count, exact, partial(response.shards(), response.timedOut()));
    }

    @SuppressWarnings("unchecked")
    private TieOrder.Ranked ranked(Hit<Map> hit, boolean withSource) {
        List<FieldValue> sort = hit.sort();
        long timestamp = sort.get(0).longValue();
        String key = sort.size() > 1 && sort.get(1).isString() ? sort.get(1).stringValue() : null;
        String derived = LogEvent.idOf(hit.id() == null ? 0 : stableHash(hit.index() + "/" + hit.id()));
        // Documents shipped by other tools carry no Periscope id: they are shown, linked and paged by one derived
        // from the document's index and id.
        String id = key != null && LogEvent.isId(key) ? key : derived;
        LogEvent event = withSource ? fields.event(hit.source() == null ? Map.of() : hit.source(), timestamp, id)
                : null;
        return new TieOrder.Ranked(timestamp, key, derived, id, hit.index(), hit.id(), event);
    }

    /**
     * The events of a page, in order: those read without their source are loaded now, by index and document id,
     * with a search over the same indices (and point in time) as the page, so that what a reader may search is what
     * is loaded, whatever aliases, routing or remote clusters lie behind it. The page's query is applied again: a
     * document written anew under the same id since (without a point in time, or by another tool) may belong to a
     * service outside the scope. One gone or changed meanwhile is left out. Derived ids shown are remembered, so
     * that a link to one finds it again.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private List<LogEvent> load(List<TieOrder.Ranked> shown, Query query, Optional<PointsInTime.Use> pit,
                                List<String> notes, QueryControl control) {
        List<TieOrder.Ranked> unread = shown.stream().filter(r -> r.event() == null && r.index() != null
                && r.documentId() != null).toList();
        Map<String, Map> sources = new java.util.HashMap<>();
        if (!unread.isEmpty()) {
            Map<String, List<String>> byIndex = new java.util.LinkedHashMap<>();
            unread.forEach(r -> byIndex.computeIfAbsent(r.index(), k -> new ArrayList<>()).add(r.documentId()));
            Query these = Query.of(q -> q.bool(b -> {
                byIndex.forEach((index, ids) -> b.should(s -> s.bool(one -> one
                        .filter(f -> f.term(t -> t.field("_index").value(index)))
                        .filter(f -> f.ids(i -> i.values(ids))))));
                return b.minimumShouldMatch("1").filter(query);
            }));
            SearchRequest.Builder request = new SearchRequest.Builder().query(these).size(unread.size())
                    .trackTotalHits(t -> t.enabled(false)).timeout(timeout(control));
            if (pit.isPresent()) {
                request.pit(p -> p.id(pit.get().id()).keepAlive(k -> k.time(PointsInTime.KEEP_ALIVE)));
            } else {
                request.index(properties.indexPattern()).ignoreUnavailable(true).allowNoIndices(true);
            }
            SearchRequest built = request.build();
            SearchResponse<Map> response = connection.call(control,
                    () -> connection.client().search(built, Map.class));
            pit.ifPresent(p -> p.returned(response.pitId()));
            control.check();
            partial(response.shards(), response.timedOut()).ifPresent(notes::add);
            for (Hit<Map> hit : response.hits().hits()) {
                sources.put(hit.index() + "/" + hit.id(), hit.source() == null ? Map.of() : hit.source());
            }
        }
        List<LogEvent> events = new ArrayList<>(shown.size());
        for (TieOrder.Ranked r : shown) {
            LogEvent event = r.event();
            if (event == null) {
                Map source = sources.get(r.index() + "/" + r.documentId());
                if (source == null) {
                    continue;
                }
                event = fields.event(source, r.timestamp(), r.id());
            }
            if (r.foreign()) {
                foreign.remember(r.id(), r.index(), r.documentId());
            }
            events.add(event);
        }
        return events;
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
                .query(build(query, query.fromMillis(), control))
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
                .query(build(query, query.fromMillis(), control))
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
        Query byId = foreign.find(eventId)
                .map(at -> Query.of(q -> q.bool(b -> b
                        .filter(f -> f.term(t -> t.field("_index").value(at.index())))
                        .filter(f -> f.ids(i -> i.values(at.documentId()))))))
                .orElseGet(() -> queries.build(new QueryNode.Term(LogFields.ID, eventId)));
        Query anchorQuery = Query.of(q -> q.bool(b -> b.filter(byId).filter(scoped)));
        EventPage found = page(anchorQuery, SortOrder.NEWEST_FIRST, 1, Optional.empty(), Optional.empty(), control);
        if (found.events().isEmpty()) {
            if (found.partial().isPresent()) {
                // Not "no such event": the shard that holds it may be the one that did not answer.
                throw new dev.periscope.logs.query.BackendUnavailableException(found.partial().get(), null);
            }
            return Optional.empty();
        }
        LogEvent anchor = found.events().getFirst();
        Query stream = Query.of(q -> q.bool(b -> b
                .filter(sameOrMissing(LogFields.SERVICE, anchor.service(), fields.service()))
                .filter(sameOrMissing(LogFields.SOURCE, anchor.source(), fields.source()))
                .filter(scoped)));
        EventPage olderPage = before == 0 ? EMPTY : page(stream, SortOrder.NEWEST_FIRST, before,
                Optional.of(anchor.cursor()), Optional.empty(), control);
        EventPage newerPage = after == 0 ? EMPTY : page(stream, SortOrder.OLDEST_FIRST, after,
                Optional.of(anchor.cursor()), Optional.empty(), control);
        List<LogEvent> older = new ArrayList<>(olderPage.events());
        Collections.reverse(older);
        Optional<String> partial = olderPage.partial().or(newerPage::partial);
        return Optional.of(new EventContext(older, anchor, newerPage.events(), partial));
    }

    /**
     * The anchor's stream: the same value, or no value when the anchor has none (an event is shown without a service
     * when its document has none or several, see {@link EsFields}).
     */
    private Query sameOrMissing(String field, String value, String esField) {
        Query same = queries.build(new QueryNode.Term(field, value));
        Query missing = Query.of(q -> q.bool(b -> b.mustNot(m -> m.exists(e -> e.field(esField)))));
        if (value.isEmpty()) {
            return missing;
        }
        return field.equals(LogFields.SERVICE)
                ? Query.of(q -> q.bool(b -> b.minimumShouldMatch("1").should(same).should(missing)))
                : same;
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
