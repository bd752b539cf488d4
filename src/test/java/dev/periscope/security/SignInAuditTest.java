package dev.periscope.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.RecordingAuditTrail;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

class SignInAuditTest {

    final RecordingAuditTrail audit = new RecordingAuditTrail();
    final SignInAudit signIns = new SignInAudit(audit);
    final UsernamePasswordAuthenticationToken developer = UsernamePasswordAuthenticationToken.authenticated(
            "developer", null, List.of(new SimpleGrantedAuthority("ROLE_DEVELOPER")));

    @Test
    void sign_in_failed_sign_in_and_sign_out_are_audited() {
        signIns.signedIn(new InteractiveAuthenticationSuccessEvent(developer, SignInAuditTest.class));
        signIns.failed(new AuthenticationFailureBadCredentialsEvent(
                UsernamePasswordAuthenticationToken.unauthenticated("admin", "guess"), new BadCredentialsException("bad")));
        signIns.signedOut(new LogoutSuccessEvent(developer));

        assertThat(audit.recorded).extracting(AuditEntry::action).containsExactly("auth.login", "auth.login", "auth.logout");
        assertThat(audit.recorded.get(0).actor().roles()).containsExactly("DEVELOPER");
        assertThat(audit.recorded.get(1).decision()).isEqualTo(AuditEntry.Decision.DENIED);
        assertThat(audit.recorded.get(1).actor().userId()).isEqualTo("admin");
        assertThat(audit.recorded.get(1).reason()).doesNotContain("guess");
    }

    @Test
    void a_sign_in_is_not_blocked_when_the_audit_trail_is_down() {
        audit.unavailable = true;

        signIns.signedIn(new InteractiveAuthenticationSuccessEvent(developer, SignInAuditTest.class));

        assertThat(audit.recorded).isEmpty();
    }
}
