package dev.periscope.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Asks the IdP for its discovery document, with short timeouts: answering means a browser sent there can sign in. */
final class DiscoveryProbe implements BooleanSupplier {

    private final URI discovery;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    DiscoveryProbe(String issuer) {
        this.discovery = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
    }

    @Override
    public boolean getAsBoolean() {
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
