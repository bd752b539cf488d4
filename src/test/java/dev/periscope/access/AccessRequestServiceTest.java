package dev.periscope.access;

import dev.periscope.audit.RecordingAuditTrail;
import dev.periscope.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.security.CurrentUser;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessRequestServiceTest {

    static final dev.periscope.masking.MaskingService MASKING = dev.periscope.masking.ShippedMasking.service();

    static final CurrentUser DEVELOPER = new CurrentUser("developer", "Dev", List.of("DEVELOPER"));
    static final CurrentUser ONCALL = new CurrentUser("oncall", "On Call", List.of("ONCALL"));
    static final CurrentUser APPROVER = new CurrentUser("approver", "Approver", List.of("APPROVER"));
    static final CurrentUser APPROVER_2 = new CurrentUser("approver2", "Second", List.of("APPROVER"));
    static final CurrentUser SELF_APPROVER = new CurrentUser("dev-approver", "Both", List.of("DEVELOPER", "APPROVER"));

    @TempDir
    Path data;

    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    RecordingAuditTrail audit = new RecordingAuditTrail();
    List<String> notifications = new ArrayList<>();
    AccessRequestStore store;
    AccessRequestService service;
    AccessGuard guard;

    @BeforeEach
    void setUp() throws Exception {
        PolicyStore policies = PolicyStore.bundled(AccessConfiguration.DEMO_POLICY, clock);
        store = new AccessRequestStore(data);
        service = new AccessRequestService(policies, store, audit, (r, headline) -> notifications.add(headline),
                new AccessProperties(null, Duration.ofHours(1), URI.create("http://127.0.0.1:8080")), MASKING, clock);
        guard = new AccessGuard(policies, store, clock);
    }

    static AccessRequestService.NewRequest read(String service, Duration duration) {
        return new AccessRequestService.NewRequest(GrantKind.SERVICE, List.of(service), Set.of(), Set.of(),
                "incident INC-42: checkout failures", "INC-42", duration);
    }

    @Test
    void an_approved_request_widens_the_scope_until_it_expires() {
        assertThat(guard.scopeFor(DEVELOPER).allowsService("payments")).isFalse();
        AccessRequest request = service.request(DEVELOPER, read("payments", Duration.ofHours(1)));
        assertThat(request.approvalsNeeded()).as("payments is high-risk").isEqualTo(2);

        service.approve(APPROVER, request.id(), "ok");
        assertThat(guard.scopeFor(DEVELOPER).allowsService("payments")).as("one approval of two").isFalse();
        service.approve(APPROVER_2, request.id(), "ok too");

        assertThat(guard.scopeFor(DEVELOPER).allowsService("payments")).isTrue();
        assertThat(guard.scopeFor(DEVELOPER).grantFor("payments")).isPresent();
        clock.advance(Duration.ofMinutes(61));
        assertThat(guard.scopeFor(DEVELOPER).allowsService("payments")).as("expired").isFalse();
        assertThat(audit.actions()).containsSubsequence("access.request", "access.approve", "access.grant");
        assertThat(notifications).containsExactly("Access request", "Access granted");
    }

    @Test
    void nobody_approves_their_own_request() {
        AccessRequest request = service.request(SELF_APPROVER, read("payments", Duration.ofHours(1)));

        assertThatThrownBy(() -> service.approve(SELF_APPROVER, request.id(), "me"))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("own request");
        assertThat(service.pendingFor(SELF_APPROVER)).isEmpty();
        assertThat(audit.recorded).anyMatch(e -> e.action().equals("access.approve") && e.decision().name().equals("DENIED"));
    }

    @Test
    void the_same_approver_cannot_count_twice() {
        AccessRequest request = service.request(DEVELOPER, read("payments", Duration.ofHours(1)));
        service.approve(APPROVER, request.id(), "ok");

        assertThatThrownBy(() -> service.approve(APPROVER, request.id(), "again")).hasMessageContaining("already");
        assertThat(service.pendingFor(APPROVER)).as("no longer waiting for the first approver").isEmpty();
        assertThat(service.pendingFor(APPROVER_2)).extracting(AccessRequest::id).containsExactly(request.id());
    }

    @Test
    void only_approvers_approve() {
        AccessRequest request = service.request(DEVELOPER, read("payments", Duration.ofHours(1)));

        assertThatThrownBy(() -> service.approve(ONCALL, request.id(), "sure")).isInstanceOf(AccessDeniedException.class);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"*", "pay*", "pay?ents", "checkout,*"})
    void a_request_names_services_one_by_one_as_a_pattern_would_skip_the_second_approver_and_the_exclusions(
            String services) {
        AccessRequestService.NewRequest wanted = new AccessRequestService.NewRequest(GrantKind.SERVICE,
                List.of(services.split(",")), Set.of(), Set.of(), "incident INC-42: checkout failures", "INC-42",
                Duration.ofHours(1));

        assertThatThrownBy(() -> service.request(DEVELOPER, wanted)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("name each service");
        assertThatThrownBy(() -> service.breakGlass(ONCALL, wanted)).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("name each service");
        assertThat(store.all()).isEmpty();
    }

    @Test
    void a_decision_taken_while_another_was_being_recorded_is_not_overwritten_by_it() throws Exception {
        AccessRequest request = service.request(DEVELOPER, read("payments", Duration.ofHours(1)));
        PolicyStore policies = PolicyStore.bundled(AccessConfiguration.DEMO_POLICY, clock);
        AccessProperties properties = new AccessProperties(null, Duration.ofHours(1), URI.create("http://127.0.0.1:8080"));
        AccessRequestService otherReplica = new AccessRequestService(policies, new AccessRequestStore(data), audit,
                (r, headline) -> { }, properties, MASKING, clock);
        // While the approval's audit record is being written, another approver denies on another replica.
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        dev.periscope.audit.AuditTrail slowAudit = (dev.periscope.audit.AuditTrail) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {dev.periscope.audit.AuditTrail.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("record") && once.compareAndSet(false, true)) {
                                otherReplica.deny(APPROVER_2, request.id(), "not for this incident");
                            }
                            try {
                                return method.invoke(audit, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        AccessRequestService slow = new AccessRequestService(policies, new AccessRequestStore(data), slowAudit,
                (r, headline) -> { }, properties, MASKING, clock);

        assertThatThrownBy(() -> slow.approve(APPROVER, request.id(), "ok"))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("changed while you were deciding");

        AccessRequest now = new AccessRequestStore(data).find(request.id()).orElseThrow();
        assertThat(now.status()).isEqualTo(AccessRequest.Status.DENIED);
        assertThat(now.decisions()).extracting(AccessRequest.Decision::action).containsExactly("deny");
    }

    @Test
    void reasons_and_comments_are_masked_before_they_are_recorded() {
        AccessRequest request = service.request(DEVELOPER, new AccessRequestService.NewRequest(GrantKind.SERVICE,
                List.of("payments"), Set.of(), Set.of(), "customer jane.doe@example.com cannot pay", "INC-9",
                Duration.ofHours(1)));
        service.approve(APPROVER, request.id(), "ok, card 4111 1111 1111 1111 is the one failing");

        assertThat(audit.recorded).extracting(dev.periscope.audit.AuditEntry::reason)
                .noneMatch(r -> r.contains("jane.doe@example.com") || r.contains("4111 1111 1111 1111"))
                .anyMatch(r -> r.contains("cannot pay"));
    }

    @Test
    void requests_beyond_the_policy_are_refused() {
        assertThatThrownBy(() -> service.request(DEVELOPER, read("payments", Duration.ofHours(5))))
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> service.request(new CurrentUser("a", "a", List.of("AUDITOR")), read("payments", Duration.ofHours(1))))
                .hasMessageContaining("may not request");
        assertThatThrownBy(() -> service.request(DEVELOPER, new AccessRequestService.NewRequest(GrantKind.SERVICE,
                List.of("payments"), Set.of(), Set.of(), "short", "INC-1", Duration.ofHours(1))))
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> service.request(DEVELOPER, new AccessRequestService.NewRequest(GrantKind.SERVICE,
                List.of("payments"), Set.of(), Set.of(), "a long enough reason", " ", Duration.ofHours(1))))
                .hasMessageContaining("ticket");
    }

    @Test
    void a_pending_request_nobody_acts_on_expires() {
        AccessRequest request = service.request(DEVELOPER, read("payments", Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(61));

        assertThat(service.mine(DEVELOPER)).singleElement().extracting(AccessRequest::status)
                .isEqualTo(AccessRequest.Status.EXPIRED);
        assertThatThrownBy(() -> service.approve(APPROVER, request.id(), "late")).hasMessageContaining("no longer pending");
        assertThat(audit.actions()).contains("access.expire");
    }

    @Test
    void a_grant_that_runs_out_is_recorded_as_expired_once() {
        AccessRequest request = service.request(DEVELOPER, read("payments", Duration.ofMinutes(30)));
        service.approve(APPROVER, request.id(), "ok");
        service.approve(APPROVER_2, request.id(), "ok");
        clock.advance(Duration.ofMinutes(31));

        service.expirePending();
        service.expirePending();

        assertThat(audit.actions()).containsOnlyOnce("access.grant.expire");
        assertThat(guard.scopeFor(DEVELOPER).allowsService("payments")).isFalse();
    }

    @Test
    void a_revoked_grant_stops_at_once() {
        AccessRequest request = service.request(DEVELOPER, new AccessRequestService.NewRequest(GrantKind.UNMASK,
                List.of("checkout"), Set.of("network"), Set.of(), "tracing a bad client IP", "INC-7", Duration.ofMinutes(30)));
        service.approve(APPROVER, request.id(), "ok");
        assertThat(guard.scopeFor(DEVELOPER).exemptCategories("checkout")).contains("network");

        service.revoke(APPROVER_2, request.id(), "done");

        assertThat(guard.scopeFor(DEVELOPER).exemptCategories("checkout")).doesNotContain("network");
        assertThat(audit.actions()).contains("access.revoke");
    }

    @Test
    void break_glass_is_immediate_announced_and_flagged_until_signed_off() {
        AccessRequest taken = service.breakGlass(ONCALL, read("payments", Duration.ofMinutes(30)));

        assertThat(taken.activeAt(clock.instant())).isTrue();
        assertThat(taken.needsReview()).isTrue();
        assertThat(notifications).containsExactly("BREAK GLASS: emergency access taken");
        assertThatThrownBy(() -> service.breakGlass(DEVELOPER, read("payments", Duration.ofMinutes(30))))
                .hasMessageContaining("may not break glass");
        assertThatThrownBy(() -> service.breakGlass(ONCALL, read("payments", Duration.ofHours(2))))
                .hasMessageContaining("duration");

        AccessRequest reviewed = service.signOff(APPROVER, taken.id(), "justified by INC-42");
        assertThat(reviewed.needsReview()).isFalse();
    }

    @Test
    void someone_elses_grant_does_not_widen_my_scope() {
        AccessRequest request = service.request(DEVELOPER, new AccessRequestService.NewRequest(GrantKind.UNMASK,
                List.of("checkout"), Set.of("pii"), Set.of(), "customer complaint lookup", "TCK-9", Duration.ofMinutes(30)));
        service.approve(APPROVER, request.id(), "ok");

        CurrentUser otherDeveloper = new CurrentUser("developer2", "Other", List.of("DEVELOPER"));
        assertThat(guard.scopeFor(otherDeveloper).exemptCategories("checkout")).doesNotContain("pii");
        assertThat(guard.scopeFor(DEVELOPER).exemptCategories("checkout")).contains("pii");
    }

    @Test
    void no_step_happens_when_the_audit_record_cannot_be_written() {
        audit.unavailable = true;

        assertThatThrownBy(() -> service.request(DEVELOPER, read("payments", Duration.ofHours(1))))
                .isInstanceOf(AuditUnavailableException.class);
        assertThat(store.all()).isEmpty();
    }

    @Test
    void grants_survive_a_restart() {
        AccessRequest request = service.request(DEVELOPER, read("payments", Duration.ofHours(1)));
        service.approve(APPROVER, request.id(), "ok");
        service.approve(APPROVER_2, request.id(), "ok");

        AccessGuard afterRestart = new AccessGuard(PolicyStore.bundled(AccessConfiguration.DEMO_POLICY, clock),
                new AccessRequestStore(data), clock);

        assertThat(afterRestart.scopeFor(DEVELOPER).allowsService("payments")).isTrue();
    }
}
