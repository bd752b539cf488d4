package dev.periscope.audit;

import dev.periscope.masking.RulesReloaded;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records every masking rule reload, and every refused one ({@code config.rules.reload}). */
@Component
class RuleReloadAudit {

    private static final Logger log = LoggerFactory.getLogger(RuleReloadAudit.class);

    private final AuditTrail trail;

    RuleReloadAudit(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void reloaded(RulesReloaded event) {
        try {
            trail.record(new AuditEntry(new AuditEntry.Actor("periscope", List.of(), "", "", ""), "config.rules.reload",
                    AuditEntry.Target.none(), event.directory(),
                    event.refusedBecause().isPresent() ? AuditEntry.Decision.DENIED : AuditEntry.Decision.ALLOWED,
                    event.refusedBecause().map(r -> "refused, the rule set in force stays: " + r)
                            .orElse(event.rules() + " rules in force"),
                    Optional.empty()));
        } catch (AuditUnavailableException e) {
            log.error("A masking rule reload could not be recorded in the audit trail", e);
        }
    }
}
