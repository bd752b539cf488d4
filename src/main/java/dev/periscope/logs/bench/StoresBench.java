package dev.periscope.logs.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditTrail;
import dev.periscope.logs.LogAccess;
import dev.periscope.logs.LogOrder;
import dev.periscope.logs.LogQuery;
import dev.periscope.logs.LogQueryValueResolver;
import dev.periscope.logs.LogScope;
import dev.periscope.logs.LogService;
import dev.periscope.logs.LogsProperties;
import dev.periscope.logs.ingest.FileIngester;
import dev.periscope.logs.ingest.IngestProperties;
import dev.periscope.logs.store.LogStore;
import dev.periscope.logs.store.LogWriter;
import dev.periscope.logs.store.elasticsearch.ElasticsearchLogStore;
import dev.periscope.logs.store.elasticsearch.ElasticsearchLogStoreProperties;
import dev.periscope.logs.store.lucene.LuceneLogStore;
import dev.periscope.logs.store.lucene.LuceneLogStoreProperties;
import dev.periscope.masking.Masker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/**
 * The embedded store and Elasticsearch side by side: the same generated events ingested into both through the same
 * ingest path, then a query mix after Rally's http_logs track (term, range, phrase on the message, hourly histogram,
 * newest 100, top values of a field) through {@link LogService} (scope rewrite, audit and masking included) on each
 * store, and the same queries sent straight to the cluster with the client, to show what Periscope adds.
 */
public final class StoresBench {

    /**
     * @param events events to generate
     * @param directory working directory
     * @param elasticsearch the cluster to write to (a test node: the bench deletes and refills its index)
     * @param queries measured repetitions of each query type, after {@code warmup}
     * @param requestCaches whether both stores keep the answers of histograms and top values until their index
     *     changes (Elasticsearch's shard request cache, the embedded store's aggregation cache), as they do by default
     */
    public record Options(long events, Path directory, URI elasticsearch, int queries, int warmup, long seed,
                          boolean requestCaches) {
    }

    private static final long SPAN = Duration.ofHours(24).toMillis();
    private static final String INDEX = "periscope-bench";

    private final Options options;
    private final Masker masker;
    private final AuditTrail audit;
    private final PrintStream out;

    public StoresBench(Options options, Masker masker, AuditTrail audit, PrintStream out) {
        this.options = options;
        this.masker = masker;
        this.audit = audit;
        this.out = out;
    }

    /** One query of the mix, as the user types it and as one would write it for the cluster directly. */
    private record Mix(String name, String text, Query raw, Kind kind) {
    }

    private enum Kind { SEARCH, HISTOGRAM, TOP_VALUES }

    public void run() throws IOException {
        Instant now = Instant.now();
        long from = now.toEpochMilli() - SPAN;
        out.printf(Locale.ROOT, "stores bench: %,d events, seed %d, %d cores, max heap %d MiB, Elasticsearch %s%n",
                options.events(), options.seed(), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, options.elasticsearch());
        Path files = options.directory().resolve("ingest");
        long bytes = LogsBench.generate(files, from, now.toEpochMilli(), options.seed(), options.events());
        out.printf(Locale.ROOT, "generated %,d bytes of log lines%n", bytes);

        ElasticsearchLogStoreProperties esProperties = ElasticsearchLogStoreProperties.local(options.elasticsearch(),
                INDEX);
        LuceneLogStoreProperties luceneProperties = LuceneLogStoreProperties.defaults();
        if (!options.requestCaches()) {
            luceneProperties = luceneProperties.withAggregationCacheEntries(0);
        }
        try (LuceneLogStore lucene = new LuceneLogStore(options.directory().resolve("index"), luceneProperties,
                Clock.systemUTC());
             ElasticsearchLogStore es = new ElasticsearchLogStore(esProperties);
             RestClient rest = RestClient.builder(new HttpHost(options.elasticsearch().getHost(),
                     options.elasticsearch().getPort(), options.elasticsearch().getScheme())).build()) {
            es.deleteWriteIndex();
            es.start();
            double luceneRate = ingest("lucene", lucene, files, options.directory().resolve("checkpoint-lucene"));
            double esRate = ingest("elasticsearch", es, files, options.directory().resolve("checkpoint-es"));
            out.printf(Locale.ROOT, "ingest rate ratio (lucene / elasticsearch): %.1f (goal >= 5)%n",
                    luceneRate / esRate);
            if (!options.requestCaches()) {
                org.elasticsearch.client.Request off = new org.elasticsearch.client.Request("PUT",
                        "/" + INDEX + "/_settings");
                off.setJsonEntity("{\"index.requests.cache.enable\": false}");
                rest.performRequest(off);
            }
            out.printf(Locale.ROOT, "request caches (histograms and top values kept until the index changes): %s%n",
                    options.requestCaches() ? "on in both stores, their default" : "off in both stores");
            ElasticsearchClient client = new ElasticsearchClient(new RestClientTransport(rest,
                    new Jackson3JsonpMapper()));
            settle(lucene, client);
            List<Mix> mix = mix(from, now.toEpochMilli());
            // All are timed in turn, query by query, so that load from other processes hits all alike. The store
            // adapters are also timed on their own (no parsing, scope, audit or masking) to split the overhead into
            // the adapter's part and the service's part.
            List<Map<String, Supplier<Integer>>> runners = List.of(throughService(lucene, mix, from, now),
                    throughService(es, mix, from, now), raw(client, mix), direct(lucene, mix, from, now),
                    direct(es, mix, from, now));
            Map<String, double[][]> times = new LinkedHashMap<>();
            for (Mix m : mix) {
                times.put(m.name(), time(runners.stream().map(r -> r.get(m.name())).toList()));
            }
            out.println();
            out.println("query            lucene p50/p99 ms   es (periscope) p50/p99 ms   es (raw) p50/p99 ms"
                    + "   lucene/es p50   overhead p50 ms");
            for (Mix m : mix) {
                double[] l = times.get(m.name())[0];
                double[] e = times.get(m.name())[1];
                double[] r = times.get(m.name())[2];
                out.printf(Locale.ROOT, "%-16s %8.1f / %7.1f   %11.1f / %7.1f   %8.1f / %7.1f   %13.2f   %15.1f%n",
                        m.name(), l[0], l[1], e[0], e[1], r[0], r[1], l[0] / e[0], e[0] - r[0]);
            }
            out.println();
            out.println("where the overhead goes (p50 ms): es adapter alone, adapter over raw, service (parse, scope,"
                    + " audit, masking) over the adapter, the same service part on lucene");
            for (Mix m : mix) {
                double[][] t = times.get(m.name());
                out.printf(Locale.ROOT, "%-16s adapter %7.1f   adapter-raw %7.1f   service on es %7.1f   "
                        + "service on lucene %7.1f%n", m.name(), t[4][0], t[4][0] - t[2][0], t[1][0] - t[4][0],
                        t[0][0] - t[3][0]);
            }
            es.deleteWriteIndex();
        }
        out.printf(Locale.ROOT, "process RSS %s%n", LogsBench.rss());
    }

    private double ingest(String name, LogWriter writer, Path files, Path checkpoints) {
        IngestProperties properties = new IngestProperties(true, files, Duration.ofMillis(10), Duration.ofMinutes(10),
                Duration.ofMillis(200), org.springframework.util.unit.DataSize.ofMegabytes(1), 50_000);
        FileIngester ingester = new FileIngester(properties, writer, Clock.systemUTC());
        long t0 = System.nanoTime();
        long cpu0 = LogsBench.processCpuNanos();
        while (ingester.pollOnce()) {
            // until every file is read
        }
        LogsBench.sleep(250);
        ingester.pollOnce();
        ingester.commit();
        writer.refresh();
        double seconds = LogsBench.seconds(t0);
        double cpu = (LogsBench.processCpuNanos() - cpu0) / 1e9;
        long count = ((LogStore) writer).search(new dev.periscope.logs.store.StoreQuery(
                new dev.periscope.logs.query.QueryNode.MatchAll(), 0, Long.MAX_VALUE),
                dev.periscope.logs.store.SortOrder.NEWEST_FIRST, 1, Optional.empty(),
                dev.periscope.logs.query.QueryControl.withTimeLimit(Duration.ofMinutes(1))).total();
        out.printf(Locale.ROOT, "%s: ingested %,d events in %.1f s: %,.0f events/s (this process used %.1f CPU s)%n",
                name, options.events(), seconds, options.events() / seconds, cpu);
        if (count < Math.min(options.events(), 10_000)) {
            throw new IllegalStateException(name + " holds " + count + " events after ingest");
        }
        return options.events() / seconds;
    }

    /**
     * Waits until neither store merges segments any more (at most five minutes), so that neither is measured while
     * the other's background work, or its own, takes a core: right after a bulk load Elasticsearch is often still
     * merging, and earlier runs differed by up to half from that alone.
     */
    private void settle(LuceneLogStore lucene, ElasticsearchClient client) {
        LogsBench.awaitQuiet(() -> lucene.merging() || elasticsearchMerges(client) > 0, "both stores", out);
    }

    private static long elasticsearchMerges(ElasticsearchClient client) {
        try {
            return client.nodes().stats(s -> s.metric("indices").indexMetric("merge")).nodes().values().stream()
                    .mapToLong(node -> node.indices() == null || node.indices().merges() == null ? 0
                            : node.indices().merges().current())
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read Elasticsearch's merge statistics", e);
        }
    }

    private static List<Mix> mix(long from, long to) {
        Query range = Query.of(q -> q.range(r -> r.date(d -> d.field("@timestamp").format("epoch_millis")
                .gte(Long.toString(from)).lt(Long.toString(to)))));
        return List.of(
                new Mix("term", "service:payments AND level:ERROR", bool(range,
                        Query.of(q -> q.term(t -> t.field("service.name").value("payments"))),
                        Query.of(q -> q.term(t -> t.field("log.level").value("ERROR")))), Kind.SEARCH),
                new Mix("range", "duration_ms:[200 TO 300]", bool(range, Query.of(q -> q.range(r -> r.number(n -> n
                        .field("labels.duration_ms.num").gte(200.0).lte(300.0))))), Kind.SEARCH),
                new Mix("phrase", "\"payment service timeout\"", bool(range, Query.of(q -> q.matchPhrase(m -> m
                        .field("message").query("payment service timeout")))), Kind.SEARCH),
                new Mix("newest-100", "*", range, Kind.SEARCH),
                new Mix("histogram-1h", "*", range, Kind.HISTOGRAM),
                new Mix("top-values", "level:ERROR", bool(range,
                        Query.of(q -> q.term(t -> t.field("log.level").value("ERROR")))), Kind.TOP_VALUES));
    }

    private static Query bool(Query... filters) {
        return Query.of(q -> q.bool(b -> b.filter(List.of(filters))));
    }

    /** Each query type through the service layer. */
    private Map<String, Supplier<Integer>> throughService(LogStore store, List<Mix> mix, long from, Instant now) {
        LogService service = new LogService(store, masker, audit, LogsProperties.defaults(),
                LogQueryValueResolver.identity(), Clock.fixed(now, ZoneOffset.UTC));
        LogAccess access = LogAccess.of(new AuditEntry.Actor("bench", List.of("developer"), "bench", "127.0.0.1",
                "bench"), LogScope.services(List.of("*"), Duration.ofDays(2)));
        Map<String, Supplier<Integer>> result = new LinkedHashMap<>();
        for (Mix m : mix) {
            LogQuery query = new LogQuery(m.text(), Instant.ofEpochMilli(from), now);
            result.put(m.name(), () -> switch (m.kind()) {
                case SEARCH -> service.search(access, query, 100, LogOrder.NEWEST_FIRST, Optional.empty(),
                        service.newControl()).events().size();
                case HISTOGRAM -> (int) service.histogram(access, query, Optional.of(Duration.ofHours(1)),
                        service.newControl()).total();
                case TOP_VALUES -> service.topValues(access, query, "service", 10, service.newControl())
                        .values().size();
            });
        }
        return result;
    }

    /** Each query type straight to the store adapter: the parsed query, no scope, audit or masking. */
    private Map<String, Supplier<Integer>> direct(LogStore store, List<Mix> mix, long from, Instant now) {
        dev.periscope.logs.query.LogQueryParser parser = new dev.periscope.logs.query.LogQueryParser(
                dev.periscope.logs.query.QueryLimits.defaults(), Clock.fixed(now, ZoneOffset.UTC));
        Map<String, Supplier<Integer>> result = new LinkedHashMap<>();
        for (Mix m : mix) {
            dev.periscope.logs.store.StoreQuery query = new dev.periscope.logs.store.StoreQuery(
                    parser.parse(m.text()), from, now.toEpochMilli());
            Supplier<dev.periscope.logs.query.QueryControl> control =
                    () -> dev.periscope.logs.query.QueryControl.withTimeLimit(Duration.ofSeconds(30));
            result.put(m.name(), () -> switch (m.kind()) {
                case SEARCH -> store.search(query, dev.periscope.logs.store.SortOrder.NEWEST_FIRST, 100,
                        Optional.empty(), control.get()).events().size();
                case HISTOGRAM -> (int) store.histogram(query, Duration.ofHours(1).toMillis(), control.get()).total();
                case TOP_VALUES -> store.topValues(query, "service", 10, control.get()).values().size();
            });
        }
        return result;
    }

    /**
     * Each query type written for the cluster directly, sent with the client, asking for the same answer as the
     * adapter does (same size, sort, total-hits tracking and aggregations), so the difference is Periscope's own.
     */
    @SuppressWarnings("rawtypes")
    private Map<String, Supplier<Integer>> raw(ElasticsearchClient client, List<Mix> mix) {
        Map<String, Supplier<Integer>> result = new LinkedHashMap<>();
        for (Mix m : mix) {
            SearchRequest request = SearchRequest.of(s -> {
                s.index(INDEX).query(m.raw());
                switch (m.kind()) {
                    case SEARCH -> s.size(100).trackTotalHits(t -> t.count(10_000))
                            .sort(o -> o.field(f -> f.field("@timestamp").order(SortOrder.Desc)))
                            .sort(o -> o.field(f -> f.field("event.id").order(SortOrder.Desc)));
                    case HISTOGRAM -> s.size(0).trackTotalHits(t -> t.enabled(false))
                            .aggregations("h", a -> a.dateHistogram(d -> d.field("@timestamp")
                                    .fixedInterval(t -> t.time("1h")).minDocCount(1)));
                    case TOP_VALUES -> s.size(0).trackTotalHits(t -> t.enabled(false))
                            .aggregations("top", a -> a.terms(t -> t.field("service.name").size(10)))
                            .aggregations("with", a -> a.valueCount(v -> v.field("service.name")));
                }
                return s;
            });
            result.put(m.name(), () -> {
                try {
                    return client.search(request, Map.class).hits().hits().size();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return result;
    }

    /** p50 and p99 in milliseconds of each runner, run in turn. */
    private double[][] time(List<Supplier<Integer>> runners) {
        for (int i = 0; i < options.warmup(); i++) {
            runners.forEach(Supplier::get);
        }
        long[][] nanos = new long[runners.size()][options.queries()];
        for (int i = 0; i < options.queries(); i++) {
            for (int r = 0; r < runners.size(); r++) {
                long t0 = System.nanoTime();
                runners.get(r).get();
                nanos[r][i] = System.nanoTime() - t0;
            }
        }
        double[][] result = new double[runners.size()][];
        for (int r = 0; r < runners.size(); r++) {
            result[r] = new double[] {LogsBench.pct(nanos[r], 50), LogsBench.pct(nanos[r], 99)};
        }
        return result;
    }
}
