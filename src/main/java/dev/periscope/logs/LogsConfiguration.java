package dev.periscope.logs;

import dev.periscope.audit.AuditSearch;
import dev.periscope.audit.AuditTrail;
import dev.periscope.logs.ingest.DemoTrafficGenerator;
import dev.periscope.logs.ingest.DemoTrafficProperties;
import dev.periscope.logs.ingest.FileIngester;
import dev.periscope.logs.ingest.IngestProperties;
import dev.periscope.logs.store.DemoLatencyLogStore;
import dev.periscope.logs.store.LogStore;
import dev.periscope.logs.store.LogWriter;
import dev.periscope.logs.store.elasticsearch.ElasticsearchAuditShipper;
import dev.periscope.logs.store.elasticsearch.ElasticsearchLogStore;
import dev.periscope.logs.store.elasticsearch.ElasticsearchLogStoreProperties;
import dev.periscope.logs.store.lucene.LuceneLogStore;
import dev.periscope.logs.store.lucene.LuceneLogStoreProperties;
import dev.periscope.masking.Masker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires log search: the store selected by {@code periscope.logs.store} ({@code lucene} by default, or
 * {@code elasticsearch}), file ingest into that store, and the {@link LogService} every reader goes through.
 */
@Configuration(proxyBeanMethods = false)
class LogsConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "periscope.logs.store", havingValue = "lucene", matchIfMissing = true)
    LuceneLogStore luceneLogStore(LogsDataProperties data, LuceneLogStoreProperties properties,
                                  ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> meters) {
        LuceneLogStore store = new LuceneLogStore(data.logIndex(), properties, clock.getIfAvailable(Clock::systemUTC));
        meters.ifAvailable(registry -> FunctionCounter.builder("periscope.ingest.unindexed", store,
                        LuceneLogStore::eventsWithFieldsUnindexed)
                .description("Events stored with some fields unindexed, their names being over the field-name limit")
                .register(registry));
        return store;
    }

    /** Logs on an Elasticsearch cluster; file ingest and demo traffic then write to it with bulk requests. */
    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(name = "periscope.logs.store", havingValue = "elasticsearch")
    ElasticsearchLogStore elasticsearchLogStore(ElasticsearchLogStoreProperties properties,
                                                ObjectProvider<MeterRegistry> meters) {
        ElasticsearchLogStore store = new ElasticsearchLogStore(properties);
        meters.ifAvailable(registry -> FunctionCounter.builder("periscope.ingest.unindexed", store,
                        ElasticsearchLogStore::eventsWithFieldsUnindexed)
                .description("Events the cluster refused for their fields, stored with those fields unindexed")
                .register(registry));
        return store;
    }

    /** Audit records are also copied to the cluster; the local chain stays the truth. */
    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnExpression("'${periscope.logs.store:lucene}' == 'elasticsearch'"
            + " && '${periscope.logs.elasticsearch.audit-index:periscope-audit}' != ''")
    ElasticsearchAuditShipper elasticsearchAuditShipper(AuditSearch audit,
                                                        ElasticsearchLogStoreProperties properties,
                                                        @Value("${periscope.data.directory:./data}") Path data) {
        return new ElasticsearchAuditShipper(audit, properties, java.time.Duration.ofSeconds(5), data);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(name = "periscope.ingest.enabled", havingValue = "true", matchIfMissing = true)
    FileIngester fileIngester(IngestProperties properties, LogWriter writer,
                              ObjectProvider<Clock> clock, ObjectProvider<MeterRegistry> meters,
                              ObjectProvider<LogEventEnricher> enrichers) {
        FileIngester ingester = new FileIngester(properties, writer, clock.getIfAvailable(Clock::systemUTC),
                combined(enrichers.orderedStream().toList()));
        meters.ifAvailable(registry -> bindMetrics(ingester, registry));
        return ingester;
    }

    /** All enrichers' fields; an earlier enricher wins a name both add. */
    static LogEventEnricher combined(java.util.List<LogEventEnricher> enrichers) {
        if (enrichers.isEmpty()) {
            return LogEventEnricher.NONE;
        }
        if (enrichers.size() == 1) {
            return enrichers.getFirst();
        }
        return (service, message, fields) -> {
            java.util.Map<String, String> added = new java.util.HashMap<>();
            for (LogEventEnricher enricher : enrichers) {
                enricher.enrich(service, message, fields).forEach(added::putIfAbsent);
            }
            return added;
        };
    }

    private static void bindMetrics(FileIngester ingester, MeterRegistry registry) {
        FunctionCounter.builder("periscope.ingest.events", ingester, i -> i.ingestStatus().eventsIngested())
                .description("Log events handed to the store").register(registry);
        FunctionCounter.builder("periscope.ingest.errors", ingester, i -> i.ingestStatus().errors())
                .description("Ingest read and store errors").register(registry);
        FunctionCounter.builder("periscope.ingest.unparsed", ingester, i -> i.ingestStatus().unparsedLines())
                .description("Lines kept raw because no format recognised them").register(registry);
        FunctionCounter.builder("periscope.ingest.lost", ingester, i -> i.ingestStatus().lostBytes())
                .baseUnit("bytes").description("Bytes of rotated log files removed before they were read")
                .register(registry);
        Gauge.builder("periscope.ingest.lag", ingester, i -> i.ingestStatus().lagBytes())
                .baseUnit("bytes").description("Bytes written to log files but not read yet").register(registry);
        Gauge.builder("periscope.ingest.files", ingester, i -> i.ingestStatus().files().size())
                .description("Log files followed").register(registry);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(name = "periscope.demo.traffic.enabled", havingValue = "true")
    DemoTrafficGenerator demoTrafficGenerator(DemoTrafficProperties properties, IngestProperties ingest,
                                              ObjectProvider<Clock> clock) {
        return new DemoTrafficGenerator(properties, ingest.directory(), clock.getIfAvailable(Clock::systemUTC));
    }

    /**
     * Token search and probe refusal through the masking engine. Only a stand-in masker (in tests) has neither, so
     * values then pass unchanged.
     */
    @Bean
    LogQueryValueResolver maskingQueryValues(Masker masker) {
        return masker instanceof dev.periscope.masking.MaskingService masking
                ? new MaskingQueryValues(masking)
                : LogQueryValueResolver.identity();
    }

    @Bean
    LogService logService(LogStore store, Masker masker, AuditTrail audit, LogsProperties properties,
                          ObjectProvider<LogQueryValueResolver> resolver, ObjectProvider<Clock> clock,
                          ObjectProvider<DemoSearchProperties> demo) {
        java.time.Duration latency = demo.getIfAvailable(() -> new DemoSearchProperties(java.time.Duration.ZERO))
                .simulatedSearchLatency();
        LogStore reads = latency.isPositive() ? new DemoLatencyLogStore(store, latency) : store;
        return new LogService(reads, masker, audit, properties,
                resolver.getIfAvailable(LogQueryValueResolver::identity), clock.getIfAvailable(Clock::systemUTC));
    }
}
