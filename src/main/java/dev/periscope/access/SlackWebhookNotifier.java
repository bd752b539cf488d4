package dev.periscope.access;

import dev.periscope.base.TimeFormats;
import dev.periscope.masking.Masker;
import dev.periscope.masking.MaskingContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts access events to a Slack-compatible incoming webhook, retrying with exponential backoff. Each attempt's
 * outcome is written back to the request so the UI shows whether approvers were told.
 */
class SlackWebhookNotifier implements ApproverNotifier {

    private static final Logger log = LoggerFactory.getLogger(SlackWebhookNotifier.class);

    private final URI webhook;
    private final NotifyProperties.Slack settings;
    private final URI publicUrl;
    private final AccessRequestStore store;
    private final @Nullable Masker masker;
    private final HttpClient http;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("slack-notifier").factory());
    private final JsonMapper json = JsonMapper.builder().build();

    SlackWebhookNotifier(URI webhook, NotifyProperties.Slack settings, URI publicUrl, AccessRequestStore store,
            @Nullable Masker masker) {
        this.webhook = webhook;
        this.settings = settings;
        this.publicUrl = publicUrl;
        this.store = store;
        this.masker = masker;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public void notify(AccessRequest request, String headline) {
        store.update(request.id(), r -> r.withNotification(AccessRequest.Notification.QUEUED));
        String body = message(request, headline);
        retries.execute(() -> attempt(request.id(), body, 1));
    }

    private void attempt(String requestId, String body, int attempt) {
        Optional<String> error;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(webhook)
                            .timeout(settings.timeout())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            error = response.statusCode() / 100 == 2 ? Optional.empty()
                    : Optional.of("webhook answered HTTP " + response.statusCode());
        } catch (IOException e) {
            error = Optional.of("webhook unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = Optional.of("interrupted");
        }
        if (error.isEmpty()) {
            store.update(requestId, r -> r.withNotification(new AccessRequest.Notification("delivered", attempt, Optional.empty())));
            return;
        }
        boolean giveUp = attempt >= settings.maxAttempts();
        Optional<String> lastError = error;
        store.update(requestId, r -> r.withNotification(
                new AccessRequest.Notification(giveUp ? "failed" : "retrying", attempt, lastError)));
        if (giveUp) {
            log.error("Access request notification failed after {} attempts: {}", attempt, lastError.get());
            return;
        }
        long delay = settings.firstRetryDelay().toMillis() << Math.min(attempt - 1, 10);
        retries.schedule(() -> attempt(requestId, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
    }

    /** The message: who, what, why, how long, and a link. The reason is masked; without a masker it is left out. */
    String message(AccessRequest request, String headline) {
        String reason = masker == null ? "(see Periscope)"
                : masker.mask(MaskingContext.strict(""), request.reason()).text();
        String scope = request.scopeSummary();
        String link = publicUrl.resolve("/access/requests/" + request.id()).toString();
        String text = headline + ": " + request.requesterName() + " asks for " + scope + " for "
                + TimeFormats.duration(request.duration()) + ". Reason: " + reason + " (" + request.ticket() + "). Review in Periscope: "
                + link;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", text);
        payload.put("blocks", List.of(
                Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "*" + headline + "*")),
                Map.of("type", "section", "fields", List.of(
                        Map.of("type", "mrkdwn", "text", "*Requester*\n" + request.requesterName()),
                        Map.of("type", "mrkdwn", "text", "*Scope*\n" + scope),
                        Map.of("type", "mrkdwn", "text", "*Duration*\n" + TimeFormats.duration(request.duration())),
                        Map.of("type", "mrkdwn", "text", "*Ticket*\n" + request.ticket()))),
                Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "*Reason*\n" + reason)),
                Map.of("type", "section", "text", Map.of("type", "mrkdwn",
                        "text", "<" + link + "|Review in Periscope> (sign-in required)"))));
        return json.writeValueAsString(payload);
    }
}
