package dev.periscope.logs.store.lucene;

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
import dev.periscope.logs.store.TermScreen;
import dev.periscope.logs.store.TopValues;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.IndexSortSortedNumericDocValuesRangeQuery;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * The embedded log store: one Lucene index on local disk.
 *
 * <ul>
 *   <li>The index is sorted by (timestamp, id) descending, so "newest first" reads the first documents of each
 *       segment and stops early, and a time range is a contiguous run of documents found by binary search.</li>
 *   <li>Timestamp, service, level, source and structured fields have doc values, for histograms and top values
 *       without loading documents.</li>
 *   <li>Searches run on near-real-time readers refreshed every {@code refresh-interval}; with
 *       {@code search-idle-after} set, the periodic refresh pauses while nobody searches and the next search refreshes
 *       before it reads, so it never sees stale data. Durability comes only from {@link #commit}, which stores the
 *       ingest checkpoint in the commit's user data, so the index and the checkpoint never disagree after a crash.</li>
 *   <li>Stored events use LZ4 without a preset dictionary ({@link LogsCodec}): cheaper to write at ingest rates.</li>
 * </ul>
 */
public final class LuceneLogStore implements LogStore, LogWriter, Closeable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LuceneLogStore.class);
    private static final String CHECKPOINT_KEY = "periscope.ingest.checkpoint";
    /** Beyond this many hits a page reports its total as a lower bound: counting every hit costs a full scan. */
    private static final int TOTAL_HITS_THRESHOLD = 10_000;
    /** Events one indexing thread takes at a time from a large batch. */
    private static final int INDEX_CHUNK = 1_000;
    private static final Sort NEWEST_FIRST = new Sort(
            new SortField(LuceneFields.TIMESTAMP, SortField.Type.LONG, true),
            new SortField(LuceneFields.TIEBREAK, SortField.Type.LONG, true));
    private static final Sort OLDEST_FIRST = new Sort(
            new SortField(LuceneFields.TIMESTAMP, SortField.Type.LONG, false),
            new SortField(LuceneFields.TIEBREAK, SortField.Type.LONG, false));

    /** Analysed with positions for phrases, without norms: results are sorted by time, never scored. */
    private static final FieldType MESSAGE_TYPE = messageType();

    private static FieldType messageType() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setOmitNorms(true);
        type.freeze();
        return type;
    }

    private final LuceneLogStoreProperties properties;
    private final Clock clock;
    private final Directory directory;
    private final Analyzer analyzer = new StandardAnalyzer();
    /** Numbers that numeric ranges leave out, screened once per segment and rule set. */
    private final ScreenedNumbers screenedNumbers = new ScreenedNumbers();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ScheduledExecutorService maintenance;
    private final ExecutorService indexers;
    private final AggregationCache aggregations;
    private final AtomicLong retentionDeleted = new AtomicLong();
    /**
     * Names of the structured fields that are indexed, at most {@link LuceneLogStoreProperties#maxFieldNames()}.
     * Every name is a field of every segment after it: events whose keys are ids or dates (a JSON map keyed by user)
     * would otherwise make each segment carry thousands of fields and slow every flush, merge and open, the
     * "mapping explosion" that Elasticsearch limits to 1,000 fields. Names beyond the limit stay in the stored event
     * and {@code _exists_}, unindexed.
     */
    private final Set<String> indexedNames = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicLong eventsWithFieldsUnindexed = new AtomicLong();
    private volatile Optional<String> committedCheckpoint;
    /** Whether events were added after the last commit; they must not be committed without their checkpoint. */
    private volatile boolean addedSinceCommit;
    /** When the last search started ({@link System#nanoTime}). */
    private volatile long lastSearchNanos;

    public LuceneLogStore(Path indexDirectory, LuceneLogStoreProperties properties, Clock clock) {
        this.properties = properties;
        this.aggregations = new AggregationCache(properties.aggregationCacheEntries());
        this.clock = clock;
        // Nobody has searched yet: a store opened to catch up on a backlog starts idle (differences of nanoTime wrap).
        this.lastSearchNanos = System.nanoTime() - properties.searchIdleAfter().toNanos() - 1;
        try {
            Files.createDirectories(indexDirectory);
            this.directory = FSDirectory.open(indexDirectory);
            IndexWriterConfig config = new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setIndexSort(NEWEST_FIRST)
                    .setCodec(new LogsCodec())
                    .setRAMBufferSizeMB(Math.max(16, properties.ramBuffer().toMegabytes()))
                    // Only commit() makes events durable, so that the checkpoint always travels with them.
                    .setCommitOnClose(false);
            this.writer = new IndexWriter(directory, config);
            this.committedCheckpoint = Optional.ofNullable(liveCommitData().get(CHECKPOINT_KEY));
            this.searchers = new SearcherManager(writer, new SearcherFactory());
            for (String name : writer.getFieldNames()) {
                if (name.startsWith(LuceneFields.KEYWORD_PREFIX)) {
                    indexedNames.add(name.substring(LuceneFields.KEYWORD_PREFIX.length()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log index", e);
        }
        this.indexers = Executors.newFixedThreadPool(Math.max(1, properties.indexThreads()),
                Thread.ofPlatform().name("logs-index-", 0).daemon().factory());
        this.maintenance = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("logs-maintenance").daemon().factory());
        maintenance.schedule(this::refreshLoop, refreshMillis(), TimeUnit.MILLISECONDS);
        long retention = Math.max(1000, properties.retention().checkInterval().toMillis());
        maintenance.scheduleWithFixedDelay(this::retentionQuietly, retention, retention, TimeUnit.MILLISECONDS);
    }

    private Map<String, String> liveCommitData() {
        Map<String, String> data = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) {
            live.forEach(e -> data.put(e.getKey(), e.getValue()));
        }
        return data;
    }

    @Override
    public String backend() {
        return "lucene";
    }

    @Override
    public int maxPageSize() {
        return properties.maxPageSize();
    }

    // ---------------------------------------------------------------- writing

    @Override
    public void add(List<LogEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        int threads = Math.max(1, properties.indexThreads());
        if (threads == 1 || events.size() < 2_000) {
            addAll(events);
            return;
        }
        // IndexWriter indexes concurrently from several threads (one segment buffer each). The batch is cut into
        // small chunks that the threads take in turn, not one part per thread: a thread that stops to flush a segment
        // then holds up only its chunk, and the other keeps the core busy instead of waiting for it at the end.
        java.util.concurrent.atomic.AtomicInteger nextChunk = new java.util.concurrent.atomic.AtomicInteger();
        int chunks = (events.size() + INDEX_CHUNK - 1) / INDEX_CHUNK;
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < Math.min(threads, chunks); t++) {
            workers.add(indexers.submit(() -> {
                for (int c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
                    addAll(events.subList(c * INDEX_CHUNK, Math.min(events.size(), (c + 1) * INDEX_CHUNK)));
                }
            }));
        }
        for (Future<?> worker : workers) {
            try {
                worker.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while indexing", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }
    }

    private void addAll(List<LogEvent> events) {
        addedSinceCommit = true;
        try {
            for (LogEvent event : events) {
                writer.addDocument(document(event));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index events", e);
        } finally {
            addedSinceCommit = true; // also after a commit that ran while these were being added
        }
    }

    private Document document(LogEvent event) {
        Document doc = new Document();
        doc.add(new LongPoint(LuceneFields.TIMESTAMP, event.timestamp()));
        doc.add(new NumericDocValuesField(LuceneFields.TIMESTAMP, event.timestamp()));
        // The id is found through its numeric form: a point per event costs less to index than a unique term.
        long tiebreak = LuceneFields.tiebreak(event.id());
        doc.add(new NumericDocValuesField(LuceneFields.TIEBREAK, tiebreak));
        doc.add(new LongPoint(LuceneFields.TIEBREAK, tiebreak));
        keyword(doc, LuceneFields.SERVICE, event.service());
        if (!event.level().isEmpty()) {
            keyword(doc, LuceneFields.LEVEL, event.level());
        }
        keyword(doc, LuceneFields.SOURCE, event.source());
        doc.add(new Field(LuceneFields.MESSAGE, event.message(), MESSAGE_TYPE));
        if (event.unparsed()) {
            doc.add(new StringField(LuceneFields.UNPARSED, "true", Field.Store.NO));
        }
        boolean unindexed = false;
        for (Map.Entry<String, String> field : event.fields().entrySet()) {
            String name = field.getKey();
            String value = field.getValue();
            if (!indexes(name)) {
                unindexed = true;
                doc.add(new StringField(LuceneFields.FIELD_NAMES, name, Field.Store.NO));
                continue;
            }
            if (value.length() <= LuceneFields.MAX_KEYWORD_LENGTH) {
                keyword(doc, LuceneFields.keywordField(name), value);
            } else {
                // Not in the keyword field's doc values, so _exists_ needs to find it another way.
                doc.add(new StringField(LuceneFields.FIELD_NAMES, name, Field.Store.NO));
            }
            LogFields.number(value).ifPresent(n -> doc.add(new DoublePoint(LuceneFields.numericField(name), n)));
        }
        if (unindexed && eventsWithFieldsUnindexed.getAndIncrement() == 0) {
            LOG.warn("The log index holds {} field names, its limit: fields with new names are kept in their events "
                    + "but not indexed (periscope.logs.lucene.max-field-names)", properties.maxFieldNames());
        }
        doc.add(new StoredField(LuceneFields.STORED, EventCodec.encode(event)));
        return doc;
    }

    /** Whether a structured field is indexed: a name indexed before, or a new one while the limit allows. */
    private boolean indexes(String name) {
        if (indexedNames.contains(name)) {
            return true;
        }
        // Two threads may both add at the limit's edge; a name or two over it does no harm.
        if (indexedNames.size() < properties.maxFieldNames()) {
            indexedNames.add(name);
            return true;
        }
        return false;
    }

    private static void keyword(Document doc, String field, String value) {
        // One field for the term and the doc value: cheaper to index than a StringField plus a doc-values field.
        // A term has a size limit, and one event over it would stop ingest: an over-long service, level or source
        // (from a writer other than the line parser, which keeps such values as fields) is indexed by its head; the
        // stored event keeps it whole.
        String term = value.length() > LuceneFields.MAX_KEYWORD_LENGTH
                ? value.substring(0, LuceneFields.MAX_KEYWORD_LENGTH) : value;
        doc.add(new KeywordField(field, term, Field.Store.NO));
    }

    @Override
    public synchronized void commit(String checkpoint) {
        try {
            addedSinceCommit = false; // before the commit: an add running meanwhile sets it again when it ends
            writer.setLiveCommitData(Map.of(CHECKPOINT_KEY, checkpoint).entrySet());
            writer.commit();
            committedCheckpoint = Optional.of(checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the log index", e);
        }
    }

    @Override
    public Optional<String> committedCheckpoint() {
        return committedCheckpoint;
    }

    @Override
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether nobody has searched for {@code search-idle-after}, as Elasticsearch's {@code index.search.idle.after}:
     * refreshing then only makes small segments that nobody reads and that later cost merges.
     */
    private boolean searchIdle(long nowNanos) {
        long idleAfter = properties.searchIdleAfter().toNanos();
        return idleAfter > 0 && nowNanos - lastSearchNanos > idleAfter;
    }

    /** Marks a search; one that ends an idle spell refreshes first (a no-op when nothing changed). */
    private void searchStarting() throws IOException {
        long now = System.nanoTime();
        boolean wasIdle = searchIdle(now);
        lastSearchNanos = now;
        if (wasIdle) {
            searchers.maybeRefreshBlocking();
        }
    }

    private long refreshMillis() {
        return Math.max(10, properties.refreshInterval().toMillis());
    }

    /**
     * Refreshes every refresh interval, but waits at least four times as long as the last refresh took: each refresh
     * flushes a small segment that must be sorted and later merged, so while ingest catches up on a backlog the
     * interval stretches and indexing keeps most of the CPU; on live traffic refreshes are cheap and stay at the
     * interval.
     */
    private void refreshLoop() {
        long started = System.nanoTime();
        try {
            if (!searchIdle(started)) {
                searchers.maybeRefresh();
            }
        } catch (IOException | RuntimeException e) {
            // The next round tries again; searches keep the previous reader meanwhile.
        }
        long took = (System.nanoTime() - started) / 1_000_000;
        if (!maintenance.isShutdown()) {
            try {
                maintenance.schedule(this::refreshLoop, Math.max(refreshMillis(), 4 * took), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // the store is closing
            }
        }
    }

    // ---------------------------------------------------------------- retention

    private void retentionQuietly() {
        try {
            enforceRetention();
        } catch (IOException | RuntimeException e) {
            // Retention is retried on the next tick.
        }
    }

    /**
     * Deletes events older than the maximum age, then the oldest events while the index is over its size limit. The
     * deletions become durable with the next commit.
     *
     * @return events deleted
     */
    public long enforceRetention() throws IOException {
        long before = writer.getDocStats().numDocs;
        long cutoff = clock.millis() - properties.retention().maxAge().toMillis();
        writer.deleteDocuments(LongPoint.newRangeQuery(LuceneFields.TIMESTAMP, Long.MIN_VALUE, cutoff - 1));
        long maxBytes = properties.retention().maxSize().toBytes();
        if (maxBytes > 0) {
            searchers.maybeRefreshBlocking();
            long size = sizeOnDisk();
            IndexWriter.DocStats stats = writer.getDocStats();
            // Deleted documents still take space until merged: count only the live share, or we would delete twice.
            long liveSize = stats.maxDoc == 0 ? 0 : size * stats.numDocs / stats.maxDoc;
            if (liveSize > maxBytes && stats.numDocs > 0) {
                long toDelete = (long) Math.ceil(stats.numDocs * (liveSize - maxBytes * 0.9) / (double) liveSize);
                oldestCutoff(toDelete).ifPresent(ts -> {
                    try {
                        writer.deleteDocuments(LongPoint.newRangeQuery(LuceneFields.TIMESTAMP, Long.MIN_VALUE, ts));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        searchers.maybeRefreshBlocking();
        long deleted = Math.max(0, before - writer.getDocStats().numDocs);
        retentionDeleted.addAndGet(deleted);
        return deleted;
    }

    /** The timestamp at or below which about {@code count} of the oldest events lie. */
    private Optional<Long> oldestCutoff(long count) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            IndexReader reader = searcher.getIndexReader();
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (LeafReaderContext leaf : reader.leaves()) {
                var points = leaf.reader().getPointValues(LuceneFields.TIMESTAMP);
                if (points != null) {
                    min = Math.min(min, LongPoint.decodeDimension(points.getMinPackedValue(), 0));
                    max = Math.max(max, LongPoint.decodeDimension(points.getMaxPackedValue(), 0));
                }
            }
            if (min > max) {
                return Optional.empty();
            }
            // By rank, not by width: one event years away (a timestamp misread) would otherwise put every other
            // event in the first of equal-width buckets, and all of them would go. So the bucket where the count is
            // reached is counted again in finer buckets, until deleting it whole overshoots by little.
            long lo = min;
            long hi = max;
            long remaining = count;
            for (int round = 0; round < 8; round++) {
                long interval = Math.max(1, (hi - lo) / 1000 + 1);
                Histogram histogram = histogram(searcher, new StoreQuery(new QueryNode.MatchAll(), lo, hi + 1),
                        interval, QueryControl.withTimeLimit(java.time.Duration.ofMinutes(1)), Integer.MAX_VALUE);
                long[] counts = histogram.counts();
                long seen = 0;
                int i = 0;
                while (i < counts.length && seen + counts[i] < remaining) {
                    seen += counts[i++];
                }
                if (i == counts.length) {
                    return Optional.of(hi);
                }
                long bucketStart = Math.max(lo, histogram.startMillis() + i * interval);
                long bucketEnd = Math.min(hi, histogram.startMillis() + (i + 1) * interval - 1);
                if (interval <= 1 || seen + counts[i] - remaining <= Math.max(1, count / 10)) {
                    return Optional.of(bucketEnd);
                }
                lo = bucketStart;
                hi = bucketEnd;
                remaining -= seen;
            }
            return Optional.of(hi);
        } finally {
            searchers.release(searcher);
        }
    }

    /** Events stored since start with some structured fields unindexed, their names being over the limit. */
    public long eventsWithFieldsUnindexed() {
        return eventsWithFieldsUnindexed.get();
    }

    /** Events deleted by retention since start, for status. */
    public long retentionDeleted() {
        return retentionDeleted.get();
    }

    /** Bytes the index takes on disk now, deleted events not yet merged away included. */
    public long sizeOnDisk() throws IOException {
        long size = 0;
        for (String file : directory.listAll()) {
            try {
                size += directory.fileLength(file);
            } catch (IOException | RuntimeException gone) {
                // merged away while listing
            }
        }
        return size;
    }

    /** Whether merges are running or waiting; benches wait for none before measuring queries. */
    public boolean merging() {
        return writer.hasPendingMerges() || !writer.getMergingSegments().isEmpty();
    }

    /** Live events in the index. */
    public long eventCount() {
        return writer.getDocStats().numDocs;
    }

    // ---------------------------------------------------------------- reading

    @Override
    public EventPage search(StoreQuery query, SortOrder order, int limit, Optional<LogCursor> after,
                            QueryControl control) {
        checkPageSize(limit);
        return withSearcher(control, searcher -> {
            Query lucene = query(searcher, query.filter(), query.screen(), query.fromMillis(), query.toMillis());
            return page(searcher, lucene, order, limit, after, control);
        });
    }

    @Override
    public EventPage tail(StoreQuery query, LogCursor after, int limit, QueryControl control) {
        checkPageSize(limit);
        return withSearcher(control, searcher -> {
            long from = Math.max(query.fromMillis(), after.timestamp());
            if (from >= query.toMillis()) {
                return new EventPage(List.of(), 0, true, Optional.empty());
            }
            Query lucene = query(searcher, query.filter(), query.screen(), from, query.toMillis());
            return page(searcher, lucene, SortOrder.OLDEST_FIRST, limit, Optional.of(after), control);
        });
    }

    @Override
    public Histogram histogram(StoreQuery query, long intervalMillis, QueryControl control) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("interval must be positive");
        }
        HistogramKey key = new HistogramKey(query.filter(), query.screen(), query.fromMillis(), query.toMillis(),
                intervalMillis);
        Histogram kept = withSearcher(control, searcher -> aggregations.get(searcher.getIndexReader(), key,
                Histogram.class, () -> histogram(searcher, query, intervalMillis, control, properties.maxBuckets())));
        // The counts are an array: each caller gets its own, so none can change the answer kept for the next.
        return new Histogram(kept.startMillis(), kept.intervalMillis(), kept.counts().clone(), kept.partial());
    }

    @Override
    public TopValues topValues(StoreQuery query, String field, int size, QueryControl control) {
        if (field.equals(LogFields.MESSAGE) || field.equals(LogFields.TIMESTAMP)) {
            throw new QueryLimitExceededException("Top values are not available for the " + field + " field.");
        }
        if (size < 1 || size > 1000) {
            throw new QueryLimitExceededException("Ask for between 1 and 1000 top values.");
        }
        TopValuesKey key = new TopValuesKey(query.filter(), query.screen(), query.fromMillis(), query.toMillis(), field,
                size);
        return withSearcher(control, searcher -> aggregations.get(searcher.getIndexReader(), key, TopValues.class,
                () -> topValues(searcher, query, field, size, control)));
    }

    private TopValues topValues(IndexSearcher searcher, StoreQuery query, String field, int size, QueryControl control)
            throws IOException {
        Query lucene = query(searcher, query.filter(), query.screen(), query.fromMillis(), query.toMillis());
        // The answer holds at most size values (or none and why, for a field with too many), so it can be cached.
        TopValues top = searcher.search(lucene,
                new TopValuesCollectorManager(field, LuceneFields.keywordField(field), size, control));
        checkTimeout(searcher, control);
        return top;
    }

    private record HistogramKey(QueryNode filter, TermScreen screen, long from, long to, long interval) implements AggregationCache.Key {
    }

    private record TopValuesKey(QueryNode filter, TermScreen screen, long from, long to, String field, int size)
            implements AggregationCache.Key {
    }

    @Override
    public Optional<EventContext> context(String eventId, QueryNode scope, int before, int after,
                                          QueryControl control) {
        checkPageSize(before);
        checkPageSize(after);
        if (!LogEvent.isId(eventId)) {
            return Optional.empty();
        }
        return withSearcher(control, searcher -> {
            // The scope comes from the policy, not from the reader: nothing in it to screen.
            LuceneQueryBuilder builder = builder(searcher, TermScreen.NONE);
            Query scoped = builder.build(scope);
            Query anchorQuery = new BooleanQuery.Builder()
                    .add(LuceneFields.idQuery(eventId), Occur.FILTER)
                    .add(scoped, Occur.FILTER)
                    .build();
            TopFieldDocs found = searcher.search(anchorQuery, 1, NEWEST_FIRST);
            if (found.scoreDocs.length == 0) {
                return Optional.<EventContext>empty();
            }
            LogEvent anchor = StoredEvents.load(searcher.storedFields(), found.scoreDocs[0].doc);
            Query stream = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(LuceneFields.SERVICE, anchor.service())), Occur.FILTER)
                    .add(new TermQuery(new Term(LuceneFields.SOURCE, anchor.source())), Occur.FILTER)
                    .add(scoped, Occur.FILTER)
                    .build();
            List<LogEvent> older = before == 0 ? List.of() : new ArrayList<>(page(searcher, stream,
                    SortOrder.NEWEST_FIRST, before, Optional.of(anchor.cursor()), control).events());
            Collections.reverse(older);
            List<LogEvent> newer = after == 0 ? List.of() : page(searcher, stream,
                    SortOrder.OLDEST_FIRST, after, Optional.of(anchor.cursor()), control).events();
            return Optional.of(new EventContext(older, anchor, newer));
        });
    }

    private void checkPageSize(int limit) {
        if (limit < 0 || limit > properties.maxPageSize()) {
            throw new QueryLimitExceededException("A page holds at most " + properties.maxPageSize() + " events.");
        }
    }

    private EventPage page(IndexSearcher searcher, Query query, SortOrder order, int limit,
                           Optional<LogCursor> after, QueryControl control) throws IOException {
        if (limit == 0) {
            return new EventPage(List.of(), 0, true, Optional.empty());
        }
        Sort sort = order == SortOrder.NEWEST_FIRST ? NEWEST_FIRST : OLDEST_FIRST;
        // Doc id MAX_VALUE: documents with the cursor's exact sort values count as "not after it", so the cursor's
        // own event is not repeated; ids are unique, so no other event shares those values.
        FieldDoc afterDoc = after.map(c -> new FieldDoc(Integer.MAX_VALUE, Float.NaN,
                new Object[] {c.timestamp(), LuceneFields.tiebreak(c.id())})).orElse(null);
        TopFieldDocs docs = searcher.search(query,
                new TopFieldCollectorManager(sort, limit, afterDoc, TOTAL_HITS_THRESHOLD));
        checkTimeout(searcher, control);
        List<LogEvent> events = StoredEvents.load(searcher.getIndexReader(), docs.scoreDocs);
        Optional<LogCursor> next = events.size() == limit ? Optional.of(events.getLast().cursor()) : Optional.empty();
        boolean exact = docs.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
        return new EventPage(events, docs.totalHits.value(), exact, next);
    }

    private Query query(IndexSearcher searcher, QueryNode filter, TermScreen screen, long from, long to) {
        // The index is sorted by timestamp, so the range is a binary search over doc ids, not a points traversal.
        Query range = new IndexSortSortedNumericDocValuesRangeQuery(LuceneFields.TIMESTAMP, from, to - 1,
                LongPoint.newRangeQuery(LuceneFields.TIMESTAMP, from, to - 1));
        if (filter instanceof QueryNode.MatchAll) {
            return range;
        }
        return new BooleanQuery.Builder()
                .add(range, Occur.FILTER)
                .add(builder(searcher, screen).build(filter), Occur.FILTER)
                .build();
    }

    private LuceneQueryBuilder builder(IndexSearcher searcher, TermScreen screen) {
        return new LuceneQueryBuilder(analyzer, searcher.getIndexReader(), properties.maxExpansions(), screen,
                screenedNumbers);
    }

    private Histogram histogram(IndexSearcher searcher, StoreQuery query, long interval, QueryControl control,
                                int maxBuckets) throws IOException {
        QueryNode filter = query.filter();
        long from = query.fromMillis();
        long to = query.toMillis();
        long start = Math.floorDiv(from, interval) * interval;
        long buckets = (to - start + interval - 1) / interval;
        if (buckets > maxBuckets) {
            throw new QueryLimitExceededException("The histogram would have " + buckets + " buckets; the limit is "
                    + maxBuckets + ". Use a longer interval.");
        }
        int count = (int) Math.max(buckets, 0);
        if (filter instanceof QueryNode.MatchAll) {
            Optional<long[]> all = countAll(searcher.getIndexReader(), start, interval, count, from, to, control);
            if (all.isPresent()) {
                return new Histogram(start, interval, all.get());
            }
        }
        long[] counts = searcher.search(query(searcher, filter, query.screen(), from, to),
                new HistogramCollectorManager(start, interval, count, from, to, control));
        checkTimeout(searcher, control);
        return new Histogram(start, interval, counts);
    }

    /**
     * A histogram of every event in {@code [from, to)} from the bucket edges in each segment, without visiting
     * events (only deleted ones, which retention leaves until the next merge); empty if a segment is not time-sorted.
     */
    private static Optional<long[]> countAll(IndexReader reader, long start, long interval, int buckets, long from,
                                             long to, QueryControl control) throws IOException {
        long[] counts = new long[buckets];
        for (LeafReaderContext leaf : reader.leaves()) {
            control.check();
            Optional<TimeBuckets> edges = TimeBuckets.of(leaf.reader(), NEWEST_FIRST, start, interval, buckets,
                    from, to);
            if (edges.isEmpty()) {
                return Optional.empty();
            }
            Bits live = leaf.reader().getLiveDocs();
            for (int i = 0; i < buckets; i++) {
                int first = edges.get().firstDoc(i);
                int end = edges.get().endDoc(i);
                if (live == null) {
                    counts[i] += end - first;
                } else {
                    for (int doc = first; doc < end; doc++) {
                        if (live.get(doc)) {
                            counts[i]++;
                        }
                    }
                }
            }
        }
        return Optional.of(counts);
    }

    private static void checkTimeout(IndexSearcher searcher, QueryControl control) {
        if (searcher.timedOut() || control.shouldStop()) {
            throw control.stopped();
        }
    }

    private interface SearchFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(QueryControl control, SearchFunction<T> function) {
        control.check();
        IndexSearcher shared;
        try {
            searchStarting();
            shared = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // A searcher of our own for this query: the timeout is per searcher, and the shared one is shared.
            IndexSearcher searcher = new IndexSearcher(shared.getIndexReader());
            searcher.setTimeout(control::shouldStop);
            return function.apply(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log index", e);
        } finally {
            try {
                searchers.release(shared);
            } catch (IOException e) {
                // released readers close when their last user is done
            }
        }
    }

    @Override
    public void close() throws IOException {
        maintenance.shutdownNow();
        indexers.shutdownNow();
        searchers.close();
        if (!addedSinceCommit) {
            // Nothing new since the last commit, so its checkpoint still holds: keep the merges and retention
            // deletions done meanwhile instead of redoing them at the next start (a portal with ingest off never
            // commits otherwise).
            writer.commit();
        }
        writer.rollback(); // drops what was not committed: ingest re-reads it from its checkpoint
        directory.close();
    }

    // ---------------------------------------------------------------- collectors

    /**
     * Counts hits per time bucket. A segment's first hits take their timestamp from doc values; when a segment has
     * many hits and is time-sorted, the rest take their bucket from their doc id and the bucket edges
     * ({@link TimeBuckets}), which cost a few points-index lookups per bucket instead of a doc-value read per hit.
     */
    private static final class HistogramCollectorManager
            implements CollectorManager<HistogramCollectorManager.HistogramCollector, long[]> {
        /** Hits in one segment after which finding the bucket edges costs less than reading each hit's timestamp. */
        private static final int HITS_BEFORE_EDGES = 4096;
        private final long start;
        private final long interval;
        private final int buckets;
        private final long from;
        private final long to;
        private final QueryControl control;

        HistogramCollectorManager(long start, long interval, int buckets, long from, long to, QueryControl control) {
            this.start = start;
            this.interval = interval;
            this.buckets = buckets;
            this.from = from;
            this.to = to;
            this.control = control;
        }

        @Override
        public HistogramCollector newCollector() {
            return new HistogramCollector();
        }

        @Override
        public long[] reduce(java.util.Collection<HistogramCollector> collectors) {
            long[] total = new long[buckets];
            for (HistogramCollector c : collectors) {
                for (int i = 0; i < total.length; i++) {
                    total[i] += c.counts[i];
                }
            }
            return total;
        }

        final class HistogramCollector implements Collector {
            final long[] counts = new long[buckets];

            @Override
            public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
                NumericDocValues timestamps = DocValues.getNumeric(context.reader(), LuceneFields.TIMESTAMP);
                return new LeafCollector() {
                    private int seen;
                    private TimeBuckets edges;
                    private boolean edgesTried;
                    private int bucket;

                    @Override
                    public void setScorer(Scorable scorer) {
                    }

                    @Override
                    public void collect(int doc) throws IOException {
                        if ((++seen & 0x3FFF) == 0) {
                            control.check();
                        }
                        if (seen > HITS_BEFORE_EDGES && !edgesTried) {
                            edgesTried = true;
                            edges = TimeBuckets.of(context.reader(), NEWEST_FIRST, start, interval, buckets, from,
                                    to).orElse(null);
                            bucket = buckets - 1;
                        }
                        if (edges != null) {
                            // Hits arrive in doc id order, that is from the newest bucket to the oldest.
                            while (bucket >= 0 && doc >= edges.endDoc(bucket)) {
                                bucket--;
                            }
                            if (bucket >= 0 && doc >= edges.firstDoc(bucket)) {
                                counts[bucket]++;
                            }
                        } else if (timestamps.advanceExact(doc)) {
                            long b = (timestamps.longValue() - start) / interval;
                            if (b >= 0 && b < counts.length) {
                                counts[(int) b]++;
                            }
                        }
                    }
                };
            }

            @Override
            public ScoreMode scoreMode() {
                return ScoreMode.COMPLETE_NO_SCORES;
            }
        }
    }
}
