package dev.periscope.logs.store.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.TransportException;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import dev.periscope.logs.query.BackendUnavailableException;
import dev.periscope.logs.query.InvalidQueryException;
import dev.periscope.logs.query.QueryControl;
import dev.periscope.logs.query.QueryLimitExceededException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * The client of one cluster, and the way every request goes out:
 *
 * <ul>
 *   <li>at most {@code max-concurrent-requests} at once; a request waits for a slot only as long as its time limit
 *       allows, so a slow cluster slows searches down instead of piling requests on it (backpressure);</li>
 *   <li>connection errors and overload answers (429, 502-504) are retried with exponential backoff, within the time
 *       limit;</li>
 *   <li>the caller's cancel switch aborts the HTTP request, and the cluster then cancels the search;</li>
 *   <li>failures become messages for the user: an unreachable or overloaded cluster is
 *       {@link BackendUnavailableException} (503), a refused query {@link InvalidQueryException}. The cluster's own
 *       reason text is never shown: it can quote the query's values, which after token resolution may be raw.</li>
 * </ul>
 */
final class ElasticsearchConnection implements Closeable {

    private static final String UNREACHABLE = "The log store (Elasticsearch) cannot be reached. Try again shortly.";

    private final ElasticsearchLogStoreProperties properties;
    private final RestClient rest;
    private final ElasticsearchAsyncClient client;
    private final Semaphore permits;

    ElasticsearchConnection(ElasticsearchLogStoreProperties properties) {
        this.properties = properties;
        this.rest = restClient(properties);
        this.client = new ElasticsearchAsyncClient(new RestClientTransport(rest, new Jackson3JsonpMapper()));
        this.permits = new Semaphore(properties.maxConcurrentRequests(), true);
    }

    ElasticsearchAsyncClient client() {
        return client;
    }

    private static RestClient restClient(ElasticsearchLogStoreProperties properties) {
        HttpHost[] hosts = properties.hosts().stream()
                .map(uri -> new HttpHost(uri.getHost(), uri.getPort() < 0 ? 9200 : uri.getPort(), uri.getScheme()))
                .toArray(HttpHost[]::new);
        RestClientBuilder builder = RestClient.builder(hosts)
                .setRequestConfigCallback(config -> config
                        .setConnectTimeout((int) properties.connectTimeout().toMillis())
                        .setSocketTimeout((int) properties.socketTimeout().toMillis()));
        if (!properties.apiKey().isBlank()) {
            builder.setDefaultHeaders(new BasicHeader[] {new BasicHeader("Authorization", "ApiKey "
                    + properties.apiKey())});
        }
        SSLContext ssl = properties.caCertificate().isBlank() ? null : sslContext(Path.of(properties.caCertificate()));
        builder.setHttpClientConfigCallback(http -> {
            int connections = Math.max(properties.maxConcurrentRequests(), 4);
            http.setMaxConnTotal(connections).setMaxConnPerRoute(connections);
            if (!properties.username().isBlank()) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(AuthScope.ANY,
                        new UsernamePasswordCredentials(properties.username(), properties.password()));
                http.setDefaultCredentialsProvider(credentials);
            }
            if (ssl != null) {
                http.setSSLContext(ssl);
            }
            return http;
        });
        return builder.build();
    }

    /** Trusts exactly the CA certificate(s) in a PEM file. */
    private static SSLContext sslContext(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IllegalArgumentException("no certificate in " + caFile);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the Elasticsearch CA certificate " + caFile, e);
        }
    }

    /** Runs one request under the caller's time limit, with backpressure and retries. */
    <T> T call(QueryControl control, Supplier<CompletableFuture<T>> request) {
        control.check();
        acquire(control);
        try {
            Duration backoff = properties.retry().initialBackoff();
            for (int attempt = 1; ; attempt++) {
                try {
                    return await(control, request.get());
                } catch (RetryableException e) {
                    if (attempt >= properties.retry().attempts()
                            || control.remaining().compareTo(backoff) <= 0) {
                        throw new BackendUnavailableException(e.userMessage, e.getCause());
                    }
                    sleep(backoff);
                    control.check();
                    backoff = min(backoff.multipliedBy(2), properties.retry().maxBackoff());
                }
            }
        } finally {
            permits.release();
        }
    }

    private void acquire(QueryControl control) {
        try {
            long wait = Math.max(0, control.remaining().toMillis());
            if (!permits.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
                control.check();
                throw new BackendUnavailableException("The log store (Elasticsearch) is busy. Try again shortly.",
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("The query was interrupted.", e);
        }
    }

    /** Waits for the answer, checking the cancel switch and the time limit while the cluster works. */
    private static <T> T await(QueryControl control, CompletableFuture<T> future) {
        try {
            while (true) {
                try {
                    return future.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    if (control.shouldStop()) {
                        future.cancel(true);
                        throw control.stopped();
                    }
                }
            }
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("The query was interrupted.", e);
        } catch (CancellationException e) {
            throw control.stopped();
        } catch (ExecutionException e) {
            throw translate(e.getCause() == null ? e : e.getCause());
        }
    }

    /** The user's view of a failed request; retryable failures are marked for {@link #call}. */
    static RuntimeException translate(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        int status = status(cause);
        if (status == 429 || status == 502 || status == 503 || status == 504) {
            return new RetryableException("The log store (Elasticsearch) is overloaded or unavailable (HTTP "
                    + status + "). Try again shortly.", cause);
        }
        if (cause instanceof ElasticsearchException es && status == 400) {
            String type = es.error().type();
            String rootType = es.error().rootCause().isEmpty() ? type : es.error().rootCause().getFirst().type();
            if (type.contains("too_many") || rootType.contains("too_many") || rootType.contains("too_complex")) {
                return new QueryLimitExceededException("The query expands to too many terms for the log store. "
                        + "Make wildcards and regular expressions more specific.");
            }
            return new InvalidQueryException("The log store refused the query (" + rootType + ").");
        }
        if (status >= 400) {
            return new BackendUnavailableException("The log store (Elasticsearch) failed to answer (HTTP " + status
                    + ").", cause);
        }
        if (cause instanceof IOException) {
            return new RetryableException(UNREACHABLE, cause);
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new BackendUnavailableException(UNREACHABLE, cause);
    }

    private static int status(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ElasticsearchException es) {
                return es.status();
            }
            if (t instanceof ResponseException re) {
                return re.getResponse().getStatusLine().getStatusCode();
            }
            if (t instanceof TransportException te && te.statusCode() > 0) {
                return te.statusCode();
            }
        }
        return 0;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Waits before a retry; an interrupt ends the request with a clear error. */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("The request to Elasticsearch was interrupted.", e);
        }
    }

    @Override
    public void close() throws IOException {
        rest.close();
    }

    /** A failure worth another try; becomes {@link BackendUnavailableException} when the tries run out. */
    static final class RetryableException extends RuntimeException {
        final String userMessage;

        RetryableException(String userMessage, Throwable cause) {
            super(userMessage, cause);
            this.userMessage = userMessage;
        }
    }
}
