package dev.periscope.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Lucene index of the audit chain for the auditor's search. It reads the segment files from where it stopped (the
 * position is kept in the index's commit data), joins each read's completion onto its begin record, and can be
 * rebuilt from the chain at any time. It trusts what it reads: integrity is the verifier's job.
 */
final class LuceneAuditIndex implements AuditSearch, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LuceneAuditIndex.class);
    private static final String SEGMENT_KEY = "segment";
    private static final String OFFSET_KEY = "offset";

    private final Path chain;
    private final Analyzer analyzer = new StandardAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ScheduledExecutorService schedule;
    private long segment;
    private long offset;

    /**
     * @param chain the audit directory
     * @param index where the index lives; derived data, safe to delete
     */
    LuceneAuditIndex(Path chain, Path index) throws IOException {
        this.chain = chain;
        Files.createDirectories(index);
        this.writer = new IndexWriter(FSDirectory.open(index), new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
        Map<String, String> position = new HashMap<>();
        Iterable<Map.Entry<String, String>> committed = writer.getLiveCommitData();
        if (committed != null) {
            committed.forEach(e -> position.put(e.getKey(), e.getValue()));
        }
        this.segment = Long.parseLong(position.getOrDefault(SEGMENT_KEY, "0"));
        this.offset = Long.parseLong(position.getOrDefault(OFFSET_KEY, "0"));
        this.searchers = new SearcherManager(writer, new SearcherFactory());
        this.schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-index");
            t.setDaemon(true);
            return t;
        });
    }

    /** Keeps the index current in the background; searches also catch up first. */
    void start(long periodSeconds) {
        schedule.scheduleWithFixedDelay(() -> {
            try {
                catchUp(true);
            } catch (IOException | RuntimeException e) {
                log.error("Could not index new audit records", e);
            }
        }, 0, periodSeconds, TimeUnit.SECONDS);
    }

    @Override
    public Page search(AuditQuery query) {
        try {
            catchUp(false);
            IndexSearcher searcher = searchers.acquire();
            try {
                Query lucene = toLucene(query);
                int wanted = query.offset() + query.limit();
                TopDocs top = searcher.search(lucene, wanted,
                        new Sort(new SortField("time", SortField.Type.LONG, true),
                                new SortField("seq", SortField.Type.LONG, true)));
                StoredFields stored = searcher.storedFields();
                List<AuditEvent> events = new ArrayList<>();
                ScoreDoc[] docs = top.scoreDocs;
                for (int i = query.offset(); i < docs.length; i++) {
                    Document doc = stored.document(docs[i].doc);
                    events.add(toEvent(doc.get("begin"), doc.get("complete")));
                }
                return new Page(events, searcher.count(lucene));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot search the audit index", e);
        }
    }

    @Override
    public Optional<AuditEvent> find(String id) {
        try {
            catchUp(false);
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(new TermQuery(new Term("id", id)), 1);
                if (top.scoreDocs.length == 0) {
                    return Optional.empty();
                }
                Document doc = searcher.storedFields().document(top.scoreDocs[0].doc);
                return Optional.of(toEvent(doc.get("begin"), doc.get("complete")));
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot search the audit index", e);
        }
    }

    @Override
    public synchronized long rebuild() {
        try {
            writer.deleteAll();
            segment = 0;
            offset = 0;
            commit();
            return catchUp(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rebuild the audit index", e);
        }
    }

    /**
     * Indexes every complete record written since the last call; returns how many records it read.
     *
     * @param commit make the index and its position durable; otherwise the new records are only made searchable. Should
     *     the process die before the next commit, they are read again from the last committed position and replace
     *     themselves (documents are keyed by record id), so nothing is indexed twice.
     */
    synchronized long catchUp(boolean commit) throws IOException {
        List<ChainFormat.Segment> segments = ChainFormat.segments(chain);
        Map<String, String[]> docs = new LinkedHashMap<>();
        long read = 0;
        for (ChainFormat.Segment s : segments) {
            if (s.index() < segment) {
                continue;
            }
            long from = s.index() == segment ? offset : 0;
            long size = Files.size(s.path());
            if (size <= from) {
                continue;
            }
            byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 16, size - from)];
            try (FileChannel channel = FileChannel.open(s.path(), StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) > 0) {
                    // keep reading
                }
            }
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    index(new String(bytes, start, i - start, StandardCharsets.UTF_8), docs);
                    read++;
                    start = i + 1;
                }
            }
            // A line without its newline is still being written: pick it up next time.
            segment = s.index();
            offset = from + start;
        }
        for (Map.Entry<String, String[]> doc : docs.entrySet()) {
            writer.updateDocument(new Term("id", doc.getKey()), toDocument(doc.getValue()[0], doc.getValue()[1]));
        }
        if (!segments.isEmpty()) {
            // Records of segments removed by retention leave the index too.
            long firstSeq = firstSeq(segments.getFirst());
            if (firstSeq > 0) {
                writer.deleteDocuments(LongPoint.newRangeQuery("seq", Long.MIN_VALUE, firstSeq - 1));
            }
        }
        if (commit && writer.hasUncommittedChanges() || commit && read > 0) {
            commit();
        } else if (read > 0) {
            searchers.maybeRefreshBlocking();
        }
        return read;
    }

    private long firstSeq(ChainFormat.Segment first) throws IOException {
        List<byte[]> lines = ChainFormat.readLines(first.path()).lines();
        return lines.isEmpty() ? 0 : json.readTree(lines.getFirst()).path("seq").asLong();
    }

    private void index(String line, Map<String, String[]> docs) throws IOException {
        JsonNode record;
        try {
            record = json.readTree(line);
        } catch (RuntimeException e) {
            log.warn("Skipping an unreadable audit record while indexing; run 'audit verify'");
            return;
        }
        String type = record.path("type").asString();
        switch (type) {
            case "begin", "event" -> docs.put(record.path("id").asString(), new String[] {line, null});
            case "complete" -> {
                String ref = record.path("ref").asString();
                String[] pending = docs.get(ref);
                if (pending == null) {
                    Optional<String> begin = storedBegin(ref);
                    if (begin.isEmpty()) {
                        return;
                    }
                    pending = new String[] {begin.get(), null};
                    docs.put(ref, pending);
                }
                pending[1] = line;
            }
            default -> {
                // Segment headers carry nothing for the auditor.
            }
        }
    }

    private Optional<String> storedBegin(String id) throws IOException {
        searchers.maybeRefreshBlocking();
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(new TermQuery(new Term("id", id)), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            return Optional.ofNullable(searcher.storedFields().document(top.scoreDocs[0].doc).get("begin"));
        } finally {
            searchers.release(searcher);
        }
    }

    private void commit() throws IOException {
        writer.setLiveCommitData(Map.of(SEGMENT_KEY, String.valueOf(segment), OFFSET_KEY, String.valueOf(offset))
                .entrySet());
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    private Document toDocument(String beginLine, @Nullable String completeLine) {
        JsonNode begin = json.readTree(beginLine);
        Document doc = new Document();
        doc.add(new StringField("id", begin.path("id").asString(), Field.Store.YES));
        long seq = begin.path("seq").asLong();
        doc.add(new LongPoint("seq", seq));
        doc.add(new NumericDocValuesField("seq", seq));
        long time = Instant.parse(begin.path("time").asString()).toEpochMilli();
        doc.add(new LongPoint("time", time));
        doc.add(new NumericDocValuesField("time", time));
        doc.add(new StringField("type", begin.path("type").asString(), Field.Store.NO));
        doc.add(new StringField("user", begin.path("actor").path("user").asString(), Field.Store.NO));
        doc.add(new StringField("action", begin.path("action").asString(), Field.Store.NO));
        doc.add(new StringField("decision", begin.path("decision").asString(), Field.Store.NO));
        doc.add(new StringField("backend", begin.path("target").path("backend").asString(), Field.Store.NO));
        if (begin.path("grant").isString()) {
            doc.add(new StringField("grant", begin.path("grant").asString(), Field.Store.NO));
        }
        for (JsonNode service : begin.path("target").path("services")) {
            doc.add(new StringField("service", service.asString(), Field.Store.NO));
        }
        doc.add(new TextField("text", words(begin.path("query").asString() + "\n" + begin.path("reason").asString()),
                Field.Store.NO));
        doc.add(new StoredField("begin", beginLine));
        if (completeLine != null) {
            doc.add(new StoredField("complete", completeLine));
        }
        return doc;
    }

    private AuditEvent toEvent(String beginLine, @Nullable String completeLine) {
        JsonNode begin = json.readTree(beginLine);
        JsonNode actor = begin.path("actor");
        JsonNode target = begin.path("target");
        Optional<AuditOutcome> outcome = Optional.empty();
        if (completeLine != null) {
            JsonNode complete = json.readTree(completeLine);
            JsonNode result = complete.path("result");
            Map<String, Long> rules = new TreeMap<>();
            complete.path("masking").properties().forEach(e -> rules.put(e.getKey(), e.getValue().asLong()));
            outcome = Optional.of(new AuditOutcome(result.path("count").asLong(), result.path("bytes").asLong(),
                    result.path("durationMs").asLong(), rules, result.path("withheld").asLong()));
        }
        return new AuditEvent(
                begin.path("id").asString(),
                begin.path("seq").asLong(),
                Instant.parse(begin.path("time").asString()),
                begin.path("type").asString(),
                actor.path("user").asString(),
                strings(actor.path("roles")),
                actor.path("session").asString(),
                actor.path("address").asString(),
                actor.path("agent").asString(),
                begin.path("action").asString(),
                target.path("backend").asString(),
                strings(target.path("services")),
                instant(target.path("from")),
                instant(target.path("to")),
                begin.path("query").asString(),
                AuditEntry.Decision.valueOf(begin.path("decision").asString()),
                begin.path("reason").asString(),
                begin.path("grant").isString() ? Optional.of(begin.path("grant").asString()) : Optional.empty(),
                outcome);
    }

    /**
     * Splits on everything but letters, digits and underscores before the analyzer sees the text: the standard
     * tokenizer keeps {@code email:tok_9f2} as one word, and an auditor searches for the token alone.
     */
    private static String words(String text) {
        return text.replaceAll("[^\\p{L}\\p{N}_]+", " ");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    private static Optional<Instant> instant(JsonNode value) {
        return value.isString() ? Optional.of(Instant.parse(value.asString())) : Optional.empty();
    }

    private Query toLucene(AuditQuery query) throws IOException {
        BooleanQuery.Builder bool = new BooleanQuery.Builder();
        bool.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
        query.user().ifPresent(v -> bool.add(new TermQuery(new Term("user", v)), BooleanClause.Occur.FILTER));
        query.action().ifPresent(v -> bool.add(new TermQuery(new Term("action", v)), BooleanClause.Occur.FILTER));
        query.service().ifPresent(v -> bool.add(new TermQuery(new Term("service", v)), BooleanClause.Occur.FILTER));
        query.decision().ifPresent(v -> bool.add(new TermQuery(new Term("decision", v.name())),
                BooleanClause.Occur.FILTER));
        query.grant().ifPresent(v -> bool.add(new TermQuery(new Term("grant", v)), BooleanClause.Occur.FILTER));
        if (query.from().isPresent() || query.to().isPresent()) {
            long from = query.from().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
            long to = query.to().map(i -> i.toEpochMilli() - 1).orElse(Long.MAX_VALUE);
            bool.add(LongPoint.newRangeQuery("time", from, to), BooleanClause.Occur.FILTER);
        }
        if (query.text().isPresent()) {
            // The words are analysed like the indexed text and all required; no query syntax, so no parse errors.
            try (TokenStream tokens = analyzer.tokenStream("text", words(query.text().get()))) {
                CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
                tokens.reset();
                while (tokens.incrementToken()) {
                    bool.add(new TermQuery(new Term("text", term.toString())), BooleanClause.Occur.FILTER);
                }
                tokens.end();
            }
        }
        return bool.build();
    }

    @Override
    public void close() throws IOException {
        schedule.shutdownNow();
        searchers.close();
        writer.close();
        analyzer.close();
    }
}
