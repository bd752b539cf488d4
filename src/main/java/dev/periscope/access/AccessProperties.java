package dev.periscope.access;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access policy and elevated-access requests.
 *
 * <pre>
 * periscope:
 *   access:
 *     policy-file: /etc/periscope/policy.yaml   # PERISCOPE_ACCESS_POLICY_FILE; watched and reloaded on change
 *     pending-request-ttl: 1h                   # a request nobody acts on expires
 *     public-url: https://periscope.example.com # for links in notifications
 *     requests-directory: /shared/periscope/access # default: data directory/access; replicas share one volume here
 *   notify:
 *     slack:
 *       webhook-url: https://hooks.slack.com/services/T000/B000/XXXX   # PERISCOPE_NOTIFY_SLACK_WEBHOOK_URL
 * </pre>
 *
 * Without a policy file the demo profile uses its bundled demo policy; any other profile then denies everything.
 */
@ConfigurationProperties("periscope.access")
public record AccessProperties(
        @Nullable Path policyFile,
        @DefaultValue("1h") Duration pendingRequestTtl,
        @DefaultValue("http://127.0.0.1:8080") URI publicUrl,
        @Nullable Path requestsDirectory) {

    @ConstructorBinding
    public AccessProperties {
    }

    public AccessProperties(@Nullable Path policyFile, Duration pendingRequestTtl, URI publicUrl) {
        this(policyFile, pendingRequestTtl, publicUrl, null);
    }
}
