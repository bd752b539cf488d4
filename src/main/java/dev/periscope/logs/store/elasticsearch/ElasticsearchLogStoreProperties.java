package dev.periscope.logs.store.elasticsearch;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Elasticsearch log store, used when {@code periscope.logs.store=elasticsearch}.
 *
 * <pre>{@code
 * periscope:
 *   logs:
 *     elasticsearch:
 *       hosts: [https://es1.example.com:9200, https://es2.example.com:9200]
 *       api-key: ""                 # base64 "id:key"; or username and password (basic auth); not both
 *       username: ""
 *       password: ""
 *       ca-certificate: ""          # PEM file of the CA that signed the cluster's certificate
 *       connect-timeout: 2s
 *       socket-timeout: 30s
 *       retry:
 *         attempts: 3               # tries per request on connection errors, 429 and 502-504
 *         initial-backoff: 100ms    # doubled after each failure, up to max-backoff
 *         max-backoff: 2s
 *       max-concurrent-requests: 16 # more requests wait (within their time limit), so a slow cluster is not flooded
 *       index-pattern: periscope-logs*   # what searches read: an index pattern, alias or data stream, e.g. logs-*
 *       write-index: periscope-logs      # where ingest and demo traffic write (bulk)
 *       data-stream: false               # write-index is a data stream: bulk uses "create"
 *       create-template: true            # put an index template with explicit mappings for write-index at start
 *       fields:                          # ECS names by default; set them to the cluster's own mapping
 *         timestamp: "@timestamp"
 *         service: service.name
 *         level: log.level
 *         message: message
 *         source: log.file.path
 *         id: event.id
 *         structured-prefix: labels.     # structured field "user.id" lives in "labels.user.id"; "" for top level
 *         numeric-subfield: num          # numeric ranges use "<field>.num"; "" when fields are mapped as numbers
 *       max-page-size: 1000
 *       max-buckets: 2000
 *       audit-index: periscope-audit     # audit records are copied here; "" to not ship them
 * }</pre>
 *
 * Every key can be set from the environment, e.g. {@code PERISCOPE_LOGS_ELASTICSEARCH_HOSTS=https://es:9200}.
 */
@ConfigurationProperties("periscope.logs.elasticsearch")
public record ElasticsearchLogStoreProperties(
        @DefaultValue("http://127.0.0.1:9200") List<URI> hosts,
        @DefaultValue("") String apiKey,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        @DefaultValue("") String caCertificate,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("30s") Duration socketTimeout,
        @DefaultValue Retry retry,
        @DefaultValue("16") int maxConcurrentRequests,
        @DefaultValue("periscope-logs*") String indexPattern,
        @DefaultValue("periscope-logs") String writeIndex,
        @DefaultValue("false") boolean dataStream,
        @DefaultValue("true") boolean createTemplate,
        @DefaultValue Fields fields,
        @DefaultValue("1000") int maxPageSize,
        @DefaultValue("2000") int maxBuckets,
        @DefaultValue("periscope-audit") String auditIndex) {

    public ElasticsearchLogStoreProperties {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("periscope.logs.elasticsearch.hosts names no host");
        }
        if (!apiKey.isBlank() && !username.isBlank()) {
            throw new IllegalArgumentException("periscope.logs.elasticsearch: set either api-key or username, not both");
        }
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("periscope.logs.elasticsearch.max-concurrent-requests must be positive");
        }
    }

    /**
     * @param attempts tries per request, the first included
     * @param initialBackoff wait after the first failure, doubled after each further one
     * @param maxBackoff the longest wait between tries
     */
    public record Retry(
            @DefaultValue("3") int attempts,
            @DefaultValue("100ms") Duration initialBackoff,
            @DefaultValue("2s") Duration maxBackoff) {
    }

    /**
     * Where the event's parts live in the cluster's documents.
     *
     * @param structuredPrefix prefix of structured fields; with the default {@code labels.}, Periscope's template
     *     maps them as keywords with a numeric sub-field
     * @param numericSubfield sub-field holding a structured value as a number, for numeric ranges; empty when the
     *     fields themselves are numbers
     */
    public record Fields(
            @DefaultValue("@timestamp") String timestamp,
            @DefaultValue("service.name") String service,
            @DefaultValue("log.level") String level,
            @DefaultValue("message") String message,
            @DefaultValue("log.file.path") String source,
            @DefaultValue("event.id") String id,
            @DefaultValue("labels.") String structuredPrefix,
            @DefaultValue("num") String numericSubfield) {

        public static Fields ecs() {
            return new Fields("@timestamp", "service.name", "log.level", "message", "log.file.path", "event.id",
                    "labels.", "num");
        }
    }

    /** Defaults for one host and index, for tests and the bench. */
    public static ElasticsearchLogStoreProperties local(URI host, String index) {
        return new ElasticsearchLogStoreProperties(List.of(host), "", "", "", "", Duration.ofSeconds(2),
                Duration.ofSeconds(30), new Retry(3, Duration.ofMillis(100), Duration.ofSeconds(2)), 16, index + "*",
                index, false, true, Fields.ecs(), 1000, 2000, "periscope-audit");
    }
}
