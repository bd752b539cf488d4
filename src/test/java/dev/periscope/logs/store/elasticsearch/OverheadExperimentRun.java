package dev.periscope.logs.store.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.mapping.FieldType;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import dev.periscope.logs.query.LogQueryParser;
import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryLimits;
import dev.periscope.logs.query.QueryNode;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.SortOrder;
import dev.periscope.logs.store.StoreQuery;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Where the adapter's time goes compared with a hand-written request: each difference switched on alone. */
class OverheadExperimentRun {

    @Test
    @EnabledIfSystemProperty(named = "bench.elasticsearch", matches = ".+")
    @SuppressWarnings("rawtypes")
    void measures() throws Exception {
        URI uri = URI.create(System.getProperty("bench.elasticsearch"));
        int events = Integer.getInteger("bench.events", 100_000);
        int runs = Integer.getInteger("bench.queries", 40);
        String index = "periscope-overhead";
        long now = System.currentTimeMillis();
        long from = now - Duration.ofHours(24).toMillis();
        try (ElasticsearchLogStore store = new ElasticsearchLogStore(ElasticsearchLogStoreProperties.local(uri, index));
             RestClient rest = RestClient.builder(new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme())).build()) {
            ElasticsearchClient client = new ElasticsearchClient(new RestClientTransport(rest,
                    new Jackson3JsonpMapper()));
            if (!Boolean.getBoolean("bench.reuse")) {
                store.deleteWriteIndex();
                store.start();
                Random random = new Random(42);
                String[] services = {"payments", "checkout", "auth", "search", "cart", "shipping", "users", "mail",
                        "gateway"};
                String[] levels = {"INFO", "INFO", "INFO", "WARN", "ERROR", "DEBUG"};
                String[] messages = {"payment service timeout after retries", "order placed for customer",
                        "user signed in from new device", "cache miss for product page", "request completed"};
                List<LogEvent> batch = new ArrayList<>();
                for (int i = 0; i < events; i++) {
                    long ts = from + (long) (random.nextDouble() * (now - from));
                    batch.add(new LogEvent(LogEvent.idOf(i + 1), ts, services[random.nextInt(services.length)],
                            levels[random.nextInt(levels.length)], messages[random.nextInt(messages.length)] + " " + i,
                            Map.of("duration_ms", Integer.toString(random.nextInt(1000)), "user.id", "u" + i % 500),
                            "app.log", i, i * 100L, false));
                    if (batch.size() == 5000) {
                        store.add(batch);
                        batch.clear();
                    }
                }
                store.add(batch);
                store.refresh();
                client.indices().forcemerge(f -> f.index(index).maxNumSegments(1L));
            }
            LogQueryParser parser = new LogQueryParser(QueryLimits.defaults(), Clock.systemUTC());
            ElasticsearchQueryBuilder builder = new ElasticsearchQueryBuilder(
                    new EsFields(ElasticsearchLogStoreProperties.Fields.ecs()));
            Map<String, String> mix = new LinkedHashMap<>();
            mix.put("term", "service:payments AND level:ERROR");
            mix.put("range", "duration_ms:[200 TO 300]");
            mix.put("phrase", "\"payment service timeout\"");
            mix.put("newest", "*");
            for (var m : mix.entrySet()) {
                QueryNode tree = parser.parse(m.getValue());
                Query built = builder.build(tree, from, now);
                Map<String, Supplier<Object>> variants = new LinkedHashMap<>();
                variants.put("raw", raw(client, index, built, false, false, false, false));
                variants.put("raw+timeout", raw(client, index, built, true, false, false, false));
                variants.put("raw+unmapped", raw(client, index, built, false, true, false, false));
                variants.put("raw+pattern", raw(client, index, built, false, false, true, false));
                variants.put("raw+source-as-map", raw(client, index, built, false, false, false, true));
                variants.put("raw+all", raw(client, index, built, true, true, true, true));
                variants.put("adapter", () -> store.search(new StoreQuery(tree, from, now), SortOrder.NEWEST_FIRST,
                        100, Optional.empty(), QueryControl.withTimeLimit(Duration.ofSeconds(30))));
                List<String> names = new ArrayList<>(variants.keySet());
                long[][] nanos = new long[names.size()][runs];
                for (int w = 0; w < 10; w++) {
                    variants.values().forEach(Supplier::get);
                }
                for (int i = 0; i < runs; i++) {
                    for (int v = 0; v < names.size(); v++) {
                        long t0 = System.nanoTime();
                        variants.get(names.get(v)).get();
                        nanos[v][i] = System.nanoTime() - t0;
                    }
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-7s", m.getKey()));
                for (int v = 0; v < names.size(); v++) {
                    Arrays.sort(nanos[v]);
                    line.append(String.format(Locale.ROOT, "  %s %.1f", names.get(v), nanos[v][runs / 2] / 1e6));
                }
                System.out.println("OVERHEAD " + line);
            }
        }
    }

    @SuppressWarnings("rawtypes")
    private static Supplier<Object> raw(ElasticsearchClient client, String index, Query query, boolean timeout,
                                        boolean unmapped, boolean pattern, boolean asMap) {
        SearchRequest request = SearchRequest.of(s -> {
            s.index(pattern ? index + "*" : index).query(query).size(100).trackTotalHits(t -> t.count(10_000));
            if (pattern) {
                s.ignoreUnavailable(true).allowNoIndices(true);
            }
            if (timeout) {
                s.timeout("29000ms");
            }
            var direction = co.elastic.clients.elasticsearch._types.SortOrder.Desc;
            s.sort(List.of(SortOptions.of(o -> o.field(f -> {
                f.field("@timestamp").order(direction);
                return unmapped ? f.unmappedType(FieldType.Date) : f;
            })), SortOptions.of(o -> o.field(f -> {
                f.field("event.id").order(direction);
                return unmapped ? f.unmappedType(FieldType.Keyword) : f;
            }))));
            return s;
        });
        return () -> {
            try {
                return asMap ? client.search(request, Map.class).hits().hits().size()
                        : client.search(request, Void.class).hits().hits().size();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }
}
