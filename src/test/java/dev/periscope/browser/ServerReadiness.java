package dev.periscope.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** Waits for a server the harness started until it answers 200 on a URL, or fails with where its log is. */
final class ServerReadiness {

    private ServerReadiness() {
    }

    static void await(String what, Process process, URI url, Duration timeout, Path log) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        try {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(what + " exited during start-up; see " + log.toAbsolutePath());
                }
                try {
                    if (client.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                // Returns at once if the process ends, so a crash is reported without waiting out the timeout.
                process.waitFor(250, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        process.destroyForcibly();
        throw new IllegalStateException(what + " was not ready in " + timeout.toSeconds() + " s; see " + log.toAbsolutePath());
    }
}
