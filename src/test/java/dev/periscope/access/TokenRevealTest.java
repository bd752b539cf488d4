package dev.periscope.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.RecordingAuditTrail;
import dev.periscope.masking.MaskingService;
import dev.periscope.security.CurrentUser;
import dev.periscope.testing.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenRevealTest {

    static final dev.periscope.masking.MaskingService MASKING = dev.periscope.masking.ShippedMasking.service();

    static final CurrentUser DEVELOPER = new CurrentUser("developer", "Dev", List.of("DEVELOPER"));
    static final CurrentUser COLLEAGUE = new CurrentUser("colleague", "Col", List.of("DEVELOPER"));
    static final CurrentUser APPROVER = new CurrentUser("approver", "Approver", List.of("APPROVER"));
    static final String TOKEN = "‹email:7f3a9c21›";
    static final String SECRET = "alice@example.com";

    @TempDir
    Path data;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    RecordingAuditTrail audit = new RecordingAuditTrail();
    AccessRequestService requests;
    TokenReveal reveal;

    @BeforeEach
    void setUp() {
        PolicyStore policies = PolicyStore.bundled(AccessConfiguration.DEMO_POLICY, clock);
        AccessRequestStore store = new AccessRequestStore(data);
        requests = new AccessRequestService(policies, store, audit, (r, h) -> { },
                new AccessProperties(null, Duration.ofHours(1), URI.create("http://127.0.0.1:8080")), MASKING, clock);
        MaskingService vault = org.mockito.Mockito.mock(MaskingService.class);
        org.mockito.Mockito.when(vault.reveal(TOKEN)).thenReturn(List.of(SECRET));
        reveal = new TokenReveal(new AccessGuard(policies, store, clock), vault, audit, clock);
    }

    @Test
    void a_granted_token_is_revealed_and_the_reveal_is_recorded_without_the_value() {
        AccessRequest granted = grantReveal(DEVELOPER);

        TokenReveal.Revealed revealed = reveal.reveal(DEVELOPER, TOKEN);

        assertThat(revealed.values()).containsExactly(SECRET);
        assertThat(revealed.grantId()).isEqualTo(granted.id());
        AuditEntry entry = audit.recorded.getLast();
        assertThat(entry.action()).isEqualTo(TokenReveal.ACTION);
        assertThat(entry.decision()).isEqualTo(AuditEntry.Decision.ALLOWED);
        assertThat(entry.grantId()).contains(granted.id());
        assertThat(entry.toString()).contains(TOKEN).doesNotContain(SECRET);
    }

    @Test
    void a_token_the_grant_does_not_name_is_refused_and_the_refusal_recorded() {
        grantReveal(DEVELOPER);

        assertThatThrownBy(() -> reveal.reveal(DEVELOPER, "‹email:other›")).isInstanceOf(AccessDeniedException.class);
        assertThat(audit.recorded.getLast().decision()).isEqualTo(AuditEntry.Decision.DENIED);
    }

    @Test
    void someone_elses_reveal_grant_reveals_nothing_to_me() {
        grantReveal(COLLEAGUE);

        assertThatThrownBy(() -> reveal.reveal(DEVELOPER, TOKEN)).isInstanceOf(AccessDeniedException.class);
        assertThat(reveal.revealable(DEVELOPER)).isEmpty();
    }

    @Test
    void an_expired_grant_reveals_nothing() {
        grantReveal(DEVELOPER);
        clock.advance(Duration.ofMinutes(61));

        assertThatThrownBy(() -> reveal.reveal(DEVELOPER, TOKEN)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void nothing_is_revealed_when_the_reveal_cannot_be_recorded() {
        grantReveal(DEVELOPER);
        audit.unavailable = true;

        assertThatThrownBy(() -> reveal.reveal(DEVELOPER, TOKEN)).isInstanceOf(dev.periscope.audit.AuditUnavailableException.class);
    }

    @Test
    void a_reveal_grant_reveals_nothing_while_no_valid_policy_is_loaded() {
        grantReveal(DEVELOPER);
        AccessRequestStore store = new AccessRequestStore(data);
        MaskingService vault = org.mockito.Mockito.mock(MaskingService.class);
        org.mockito.Mockito.when(vault.reveal(TOKEN)).thenReturn(List.of(SECRET));
        TokenReveal underDenyAll = new TokenReveal(new AccessGuard(PolicyStore.denyAll(clock), store, clock), vault,
                audit, clock);

        assertThatThrownBy(() -> underDenyAll.reveal(DEVELOPER, TOKEN)).isInstanceOf(AccessDeniedException.class);
        assertThat(underDenyAll.revealable(DEVELOPER)).isEmpty();
        org.mockito.Mockito.verify(vault, org.mockito.Mockito.never()).reveal(TOKEN);
    }

    @Test
    void a_grant_written_into_the_shared_store_without_its_approvals_reveals_nothing() {
        AccessRequest granted = grantReveal(DEVELOPER);
        // The same request as if someone had edited the file: granted, but with no approval behind it.
        AccessRequest forged = new AccessRequest(granted.id(), granted.requesterId(), granted.requesterName(),
                granted.kind(), granted.services(), granted.categories(), granted.tokens(), granted.reason(),
                granted.ticket(), granted.duration(), granted.approvalsNeeded(), false, granted.createdAt(),
                granted.status(), List.of(), granted.grant(), granted.signOff(), granted.notification());
        new AccessRequestStore(data).update(granted.id(), r -> forged);

        assertThatThrownBy(() -> reveal.reveal(DEVELOPER, TOKEN)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_policy_that_lets_a_role_reveal_personal_data_only_refuses_a_card_token_and_a_text_that_is_no_token()
            throws Exception {
        Path policy = java.nio.file.Files.writeString(data.resolve("policy.yaml"), """
                roles:
                  DEVELOPER:
                    logs:
                      services: ["*"]
                    requestable:
                      - kind: reveal
                        services: ["*"]
                        categories: [pii]
                        max-duration: 1h
                """);
        try (PolicyStore policies = PolicyStore.watching(policy, clock, status -> { })) {
            AccessRequestService strict = new AccessRequestService(policies, new AccessRequestStore(data), audit,
                    (r, h) -> { }, new AccessProperties(null, Duration.ofHours(1), URI.create("http://127.0.0.1:8080")),
                    MASKING, clock);
            java.util.function.Function<String, AccessRequestService.NewRequest> revealing = token ->
                    new AccessRequestService.NewRequest(GrantKind.REVEAL, List.of("checkout"), Set.of(), Set.of(token),
                            "incident INC-7: which customer is failing", "INC-7", Duration.ofHours(1));

            AccessRequest email = strict.request(DEVELOPER, revealing.apply(TOKEN));
            assertThat(email.categories()).containsExactly("pii");
            assertThatThrownBy(() -> strict.request(DEVELOPER, revealing.apply("‹card:7f3a9c21›")))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("may not request");
            assertThatThrownBy(() -> strict.request(DEVELOPER, revealing.apply("alice@example.com")))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("not a token");
        }
    }

    private AccessRequest grantReveal(CurrentUser user) {
        AccessRequest request = requests.request(user, new AccessRequestService.NewRequest(GrantKind.REVEAL,
                List.of("checkout"), Set.of(), Set.of(TOKEN), "incident INC-7: which customer is failing", "INC-7",
                Duration.ofHours(1)));
        return requests.approve(APPROVER, request.id(), "ok");
    }
}
