package dev.periscope.security;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditTrail;
import dev.periscope.audit.AuditUnavailableException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Sign-ins, failed sign-ins and sign-outs go to the audit trail. Only interactive sign-ins count: an API call with
 * credentials authenticates on every request, and its reads are audited on their own.
 */
@Component
class SignInAudit {

    private static final Logger log = LoggerFactory.getLogger(SignInAudit.class);

    private final AuditTrail audit;

    SignInAudit(AuditTrail audit) {
        this.audit = audit;
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        CurrentUser user = CurrentUser.from(event.getAuthentication());
        write(new AuditEntry(AuditActors.of(user), "auth.login", AuditEntry.Target.none(), "",
                AuditEntry.Decision.ALLOWED, "signed in", Optional.empty()));
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        // The name as typed: auditors need to see which accounts are being tried.
        String attempted = String.valueOf(event.getAuthentication().getName());
        AuditEntry.Actor actor = AuditActors.of(new CurrentUser(attempted, attempted, List.of()));
        write(new AuditEntry(actor, "auth.login", AuditEntry.Target.none(), "", AuditEntry.Decision.DENIED,
                event.getException().getClass().getSimpleName(), Optional.empty()));
    }

    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        CurrentUser user = CurrentUser.from(event.getAuthentication());
        write(new AuditEntry(AuditActors.of(user), "auth.logout", AuditEntry.Target.none(), "",
                AuditEntry.Decision.ALLOWED, "signed out", Optional.empty()));
    }

    private void write(AuditEntry entry) {
        try {
            audit.record(entry);
        } catch (AuditUnavailableException e) {
            // A sign-in grants no data by itself; every read after it is refused while the trail is down.
            log.error("Could not audit {} of {}", entry.action(), entry.actor().userId(), e);
        }
    }
}
