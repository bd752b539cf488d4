package dev.periscope.access;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditTrail;
import dev.periscope.masking.Masker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AccessConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AccessConfiguration.class);
    static final String DEMO_POLICY = "/access/demo-policy.yaml";

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    PolicyStore policyStore(AccessProperties properties, Environment environment, Clock clock,
            ObjectProvider<AuditTrail> audit) {
        if (properties.policyFile() != null) {
            return PolicyStore.watching(properties.policyFile(), clock, status -> recordReload(audit, status));
        }
        if (environment.acceptsProfiles(Profiles.of("demo"))) {
            return PolicyStore.bundled(DEMO_POLICY, clock);
        }
        log.error("No access policy configured (periscope.access.policy-file): nobody will see any data");
        return PolicyStore.denyAll(clock);
    }

    /** Every load or refused reload of the policy file is a configuration change the audit trail must show. */
    static void recordReload(ObjectProvider<AuditTrail> audit, PolicyStore.Status status) {
        try {
            audit.getObject().record(new AuditEntry(new AuditEntry.Actor("periscope", List.of(), "", "", ""),
                    "config.policy.reload", AuditEntry.Target.none(), status.source(),
                    status.lastError().isPresent() ? AuditEntry.Decision.DENIED : AuditEntry.Decision.ALLOWED,
                    status.lastError().map(e -> "refused, the policy in force stays: " + e).orElse("policy in force"),
                    Optional.empty()));
        } catch (RuntimeException e) {
            log.error("The policy reload could not be recorded in the audit trail", e);
        }
    }

    @Bean
    AccessRequestStore accessRequestStore(@Value("${periscope.data.directory:./data}") Path data, AccessProperties access) {
        return new AccessRequestStore(access.requestsDirectory() != null ? access.requestsDirectory() : data.resolve("access"));
    }

    @Bean
    ApproverNotifier approverNotifier(NotifyProperties notify, AccessProperties access, AccessRequestStore store,
            ObjectProvider<Masker> masker) {
        if (notify.slack().webhookUrl() == null) {
            log.info("No Slack webhook configured (periscope.notify.slack.webhook-url): approvers see requests in Periscope only");
            return (request, headline) -> { };
        }
        return new SlackWebhookNotifier(notify.slack().webhookUrl(), notify.slack(), access.publicUrl(), store,
                masker.getIfAvailable());
    }
}
