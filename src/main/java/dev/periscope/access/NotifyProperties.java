package dev.periscope.access;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where approvers are told about access requests: a Slack-compatible incoming webhook.
 *
 * <pre>
 * periscope:
 *   notify:
 *     slack:
 *       webhook-url: https://hooks.slack.com/services/T000/B000/XXXX   # PERISCOPE_NOTIFY_SLACK_WEBHOOK_URL
 *       max-attempts: 5
 *       first-retry-delay: 2s
 * </pre>
 */
@ConfigurationProperties("periscope.notify")
public record NotifyProperties(@DefaultValue Slack slack) {

    public record Slack(
            @Nullable URI webhookUrl,
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("2s") Duration firstRetryDelay,
            @DefaultValue("5s") Duration timeout) {
    }
}
