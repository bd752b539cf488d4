package dev.periscope.security;

import dev.periscope.audit.AuditEntry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The audit trail's view of a user: who, with which roles, from which session, address and browser. */
public final class AuditActors {

    private AuditActors() {
    }

    /** The actor for the current request (Vaadin or REST); client details are empty outside a web request. */
    public static AuditEntry.Actor of(CurrentUser user) {
        String session = "";
        String address = "";
        String agent = "";
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            session = request.getRequestedSessionId() == null ? "" : request.getRequestedSessionId();
            address = request.getRemoteAddr();
            agent = Optional.ofNullable(request.getHeader("User-Agent")).orElse("");
        }
        return new AuditEntry.Actor(user.id(), user.roles(), session, address, agent);
    }
}
