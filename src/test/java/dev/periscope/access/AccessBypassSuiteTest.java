package dev.periscope.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.LogWriter;
import dev.periscope.security.CurrentUser;
import dev.periscope.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attempts to see what the policy hides, through the real HTTP API and the real services of a demo portal. Every
 * attempt must fail. Each group also has a positive control, so that a suite which sees nothing at all cannot pass.
 *
 * <p>The demo policy: {@code developer} sees every service but {@code payments}; {@code oncall} sees all, masked;
 * {@code auditor} and {@code approver} see no logs. PromQL escapes are covered by {@code MetricsScopingIT} against a
 * real Prometheus, forged and wrong-audience JWTs by {@code OidcLoginIT} against a real Keycloak.
 */
@SpringBootTest(properties = {"periscope.data.directory=target/test-data/bypass-${random.uuid}", "periscope.demo.traffic.enabled=false"})
@AutoConfigureMockMvc
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessBypassSuiteTest {

    /** Appears only in payments events: finding it anywhere means payments data leaked. */
    static final String PAYMENTS_MARKER = "zebracorn";
    static final String SHARED_EMAIL = "card.holder@example.com";

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    @Autowired
    MockMvcTester mvc;
    @Autowired
    LogWriter writer;
    @Autowired
    MutableClock clock;
    @Autowired
    AccessRequestService requests;

    final JsonMapper json = JsonMapper.builder().build();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final List<String> paymentsIds = new ArrayList<>();

    @BeforeAll
    void writeEventsOfAVisibleAndAHiddenService() {
        long now = clock.millis();
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = LogEvent.idOf(UUID.randomUUID().getMostSignificantBits());
            events.add(new LogEvent(id, now - 120_000 + i * 1000L, "payments", "ERROR",
                    "charge failed " + PAYMENTS_MARKER + " run " + run + " for " + SHARED_EMAIL,
                    Map.of("card_bin", "411111", "run", run), "payments.log", i, i * 100L, false));
            paymentsIds.add(id);
            events.add(new LogEvent(LogEvent.idOf(UUID.randomUUID().getMostSignificantBits()), now - 120_000 + i * 1000L + 500,
                    "checkout", "INFO", "cart paid run " + run + " by " + SHARED_EMAIL, Map.of("run", run),
                    "checkout.log", i, i * 100L, false));
        }
        writer.add(events);
        writer.refresh();
    }

    /** Grants made by one attempt must not help the next. */
    @AfterEach
    void revokeEveryGrant() {
        requests.active().forEach(r -> requests.revoke(approver("approver"), r.id(), "attempt finished"));
    }

    // --- Query injection across services: free text, fields, wildcards, boolean tricks -------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "service:payments", "service:PAYMENTS", "service:pay*", "service:\"payments\"", "service:?ayments",
        PAYMENTS_MARKER, "NOT service:checkout", "service:checkout OR service:payments", "(service:payments)",
        "card_bin:411111", "_exists_:card_bin", "service:* AND " + PAYMENTS_MARKER, "message:" + PAYMENTS_MARKER + "*",
        "service:[a TO z]"})
    void a_developer_query_never_returns_payments_events(String query) {
        JsonNode page = okJson(get("/api/v1/logs/search", "developer", "q", query + " AND run:" + run, "from", "now-1h"));
        assertThat(page.get("events").valueStream().map(e -> e.get("service").asString()))
                .doesNotContain("payments");
        assertThat(page.toString()).doesNotContain(PAYMENTS_MARKER);
    }

    @Test
    void a_query_that_tries_to_close_the_scope_group_is_refused_as_bad_syntax() {
        MvcTestResult result = get("/api/v1/logs/search", "developer", "q", "service:checkout) OR (service:payments", "from", "now-1h");
        assertThat(result).hasStatus(400);
        assertThat(result).bodyJson().extractingPath("$.error").isEqualTo("bad_query");
    }

    @Test
    void the_positive_control_on_call_sees_payments_so_the_hidden_data_is_really_there() {
        JsonNode page = okJson(get("/api/v1/logs/search", "oncall", "q", "service:payments AND run:" + run, "from", "now-1h"));
        assertThat(page.get("events").size()).isEqualTo(20);
    }

    // --- Hidden services showing through counts ----------------------------------------------------------------

    @Test
    void the_histogram_counts_only_what_the_developer_may_see() {
        JsonNode hidden = okJson(get("/api/v1/logs/histogram", "developer", "q", "service:payments AND run:" + run, "from", "now-1h"));
        JsonNode all = okJson(get("/api/v1/logs/histogram", "developer", "q", "run:" + run, "from", "now-1h"));
        assertThat(hidden.get("total").asLong()).isZero();
        assertThat(all.get("total").asLong()).isEqualTo(20);
    }

    @Test
    void field_counts_do_not_name_or_count_the_hidden_service() {
        JsonNode services = okJson(get("/api/v1/logs/fields/service/top", "developer", "q", "run:" + run, "from", "now-1h"));
        assertThat(services.toString()).doesNotContain("payments");
        assertThat(services.get("eventsWithField").asLong()).isEqualTo(20);
    }

    @Test
    void a_field_only_the_hidden_service_has_shows_no_values() {
        JsonNode bins = okJson(get("/api/v1/logs/fields/card_bin/top", "developer", "q", "", "from", "now-1h"));
        assertThat(bins.get("values").size()).isZero();
        assertThat(bins.get("eventsWithField").asLong()).isZero();
    }

    // --- Deep-link and id tampering ----------------------------------------------------------------------------

    @Test
    void the_context_of_a_hidden_event_is_not_found_for_the_developer() {
        MvcTestResult result = get("/api/v1/logs/events/" + paymentsIds.getFirst() + "/context", "developer");
        assertThat(result).hasStatus(404);
        assertThat(body(result)).doesNotContain(PAYMENTS_MARKER);
    }

    @Test
    void the_positive_control_on_call_gets_that_context() {
        assertThat(get("/api/v1/logs/events/" + paymentsIds.getFirst() + "/context", "oncall")).hasStatusOk();
    }

    @Test
    void a_forged_paging_cursor_is_refused_not_followed() {
        String forged = Base64.getUrlEncoder().encodeToString(("9999999999999|" + paymentsIds.getFirst()).getBytes(StandardCharsets.UTF_8));
        MvcTestResult result = get("/api/v1/logs/search", "developer", "q", "run:" + run, "from", "now-1h", "cursor", forged);
        assertThat(result.getResponse().getStatus()).isIn(200, 400);
        assertThat(body(result)).doesNotContain(PAYMENTS_MARKER).doesNotContain("Exception");
    }

    @Test
    void a_time_range_beyond_the_roles_maximum_is_refused() {
        MvcTestResult result = get("/api/v1/logs/search", "developer", "q", "run:" + run, "from", "now-30d");
        assertThat(result).hasStatus(403);
    }

    // --- Token search outside scope ----------------------------------------------------------------------------

    @Test
    void searching_a_token_finds_only_events_of_services_in_scope() {
        JsonNode oncall = okJson(get("/api/v1/logs/search", "oncall", "q", "service:payments AND run:" + run, "from", "now-1h", "limit", "1"));
        String message = oncall.get("events").get(0).get("message").asString();
        String token = message.substring(message.lastIndexOf("for ") + 4);
        assertThat(token).as("the email is tokenized for on-call too").doesNotContain("@");

        JsonNode developer = okJson(get("/api/v1/logs/search", "developer", "q", "\"" + token + "\" AND run:" + run, "from", "now-1h"));

        assertThat(developer.get("events").valueStream().map(e -> e.get("service").asString()))
                .isNotEmpty().containsOnly("checkout");
    }

    @Test
    void searching_for_a_raw_confidential_value_is_refused_as_a_probe() {
        MvcTestResult result = get("/api/v1/logs/search", "developer", "q", "\"" + SHARED_EMAIL + "\"", "from", "now-1h");
        assertThat(result).hasStatus(403);
        assertThat(body(result)).doesNotContain(SHARED_EMAIL);
    }

    // --- REST calls outside scope ------------------------------------------------------------------------------

    @Test
    void an_auditor_reads_no_logs_through_the_api() {
        assertThat(get("/api/v1/logs/search", "auditor", "q", "run:" + run)).hasStatus(403);
    }

    @Test
    void an_approver_reads_no_logs_through_the_api() {
        assertThat(get("/api/v1/logs/histogram", "approver", "q", "run:" + run)).hasStatus(403);
    }

    @Test
    void an_admin_administers_but_reads_no_logs() {
        assertThat(get("/api/v1/logs/fields/service/top", "admin")).hasStatus(403);
    }

    @Test
    void an_anonymous_caller_is_refused() {
        assertThat(mvc.get().uri("/api/v1/logs/search?q=*").exchange()).hasStatus(401);
    }

    @Test
    void a_wrong_password_is_refused() {
        assertThat(mvc.get().uri("/api/v1/logs/search").header(HttpHeaders.AUTHORIZATION, basic("developer", "oncall")).exchange())
                .hasStatus(401);
    }

    @Test
    void writing_through_the_api_is_refused() {
        assertThat(mvc.post().uri("/api/v1/logs/search").header(HttpHeaders.AUTHORIZATION, basic("oncall", "oncall")).exchange())
                .hasStatus(405);
        assertThat(mvc.delete().uri("/api/v1/logs/events/" + paymentsIds.getFirst() + "/context")
                .header(HttpHeaders.AUTHORIZATION, basic("oncall", "oncall")).exchange()).hasStatus(405);
    }

    @Test
    void a_role_claimed_by_the_client_in_headers_or_parameters_is_ignored() {
        MvcTestResult result = mvc.get().uri("/api/v1/me?roles=ADMIN&role=ONCALL")
                .header(HttpHeaders.AUTHORIZATION, basic("developer", "developer"))
                .header("X-Roles", "ADMIN").header("X-Forwarded-User", "oncall").header("X-Remote-User", "oncall").exchange();
        assertThat(result).bodyJson().extractingPath("$.roles").asArray().containsExactly("DEVELOPER");
        assertThat(result).bodyJson().extractingPath("$.id").isEqualTo("developer");
    }

    // --- Export outside scope ---------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"csv", "ndjson"})
    void an_export_of_the_hidden_service_contains_none_of_its_events(String format) {
        MvcTestResult result = get("/api/v1/logs/export", "developer", "format", format,
                "q", "service:payments OR run:" + run, "from", "now-1h");
        assertThat(result).hasStatusOk();
        assertThat(body(result)).doesNotContain(PAYMENTS_MARKER).doesNotContain("payments").contains("checkout");
    }

    @Test
    void a_role_without_logs_cannot_export() {
        assertThat(get("/api/v1/logs/export", "auditor", "format", "csv", "q", "run:" + run)).hasStatus(403);
    }

    @Test
    void an_export_never_carries_a_raw_confidential_value() {
        MvcTestResult result = get("/api/v1/logs/export", "oncall", "format", "ndjson", "q", "run:" + run, "from", "now-1h");
        assertThat(result).hasStatusOk();
        assertThat(body(result)).contains(PAYMENTS_MARKER).doesNotContain(SHARED_EMAIL);
    }

    // --- Grants: someone else's, expired, revoked, self-approved -----------------------------------------------

    @Test
    void someone_elses_grant_does_not_open_payments_to_the_developer() {
        CurrentUser colleague = new CurrentUser("colleague-" + run, "Colleague", List.of("DEVELOPER"));
        AccessRequest granted = grantPayments(colleague);
        assertThat(granted.status()).isEqualTo(AccessRequest.Status.GRANTED);

        assertThat(paymentsSeenBy("developer")).isZero();
    }

    @Test
    void a_grant_opens_payments_then_expires_and_cannot_be_replayed() {
        CurrentUser developer = new CurrentUser("developer", "developer", List.of("DEVELOPER"));
        AccessRequest granted = grantPayments(developer);
        assertThat(paymentsSeenBy("developer")).as("positive control: the grant works").isEqualTo(20);

        clock.advance(Duration.ofHours(1).plusMinutes(1));
        try {
            assertThat(paymentsSeenBy("developer")).as("expired").isZero();
            assertThatThrownBy(() -> requests.revoke(approver("approver"), granted.id(), "replay"))
                    .isInstanceOf(AccessDeniedException.class);
        } finally {
            clock.advance(Duration.ofHours(-1).minusMinutes(1));
        }
    }

    @Test
    void a_revoked_grant_stops_at_once() {
        CurrentUser developer = new CurrentUser("developer", "developer", List.of("DEVELOPER"));
        AccessRequest granted = grantPayments(developer);
        requests.revoke(approver("approver"), granted.id(), "incident over");

        assertThat(paymentsSeenBy("developer")).isZero();
    }

    @Test
    void nobody_approves_their_own_request_even_holding_the_approver_role() {
        CurrentUser both = new CurrentUser("both-" + run, "Both", List.of("DEVELOPER", "APPROVER"));
        AccessRequest request = requests.request(both, paymentsRequest());

        assertThatThrownBy(() -> requests.approve(both, request.id(), "me")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void one_approver_cannot_count_twice_for_a_high_risk_service() {
        CurrentUser requester = new CurrentUser("req-" + run, "Requester", List.of("DEVELOPER"));
        AccessRequest request = requests.request(requester, paymentsRequest());
        requests.approve(approver("approver"), request.id(), "ok");

        assertThatThrownBy(() -> requests.approve(approver("approver"), request.id(), "ok again"))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_developer_cannot_approve_anything() {
        CurrentUser requester = new CurrentUser("req2-" + run, "Requester", List.of("DEVELOPER"));
        AccessRequest request = requests.request(requester, paymentsRequest());
        CurrentUser developer = new CurrentUser("developer", "developer", List.of("DEVELOPER"));

        assertThatThrownBy(() -> requests.approve(developer, request.id(), "sure")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_developer_cannot_read_someone_elses_request_by_its_id() {
        CurrentUser requester = new CurrentUser("req3-" + run, "Requester", List.of("DEVELOPER"));
        AccessRequest request = requests.request(requester, paymentsRequest());

        assertThat(requests.find(new CurrentUser("developer", "developer", List.of("DEVELOPER")), request.id())).isEmpty();
    }

    @Test
    void a_developer_cannot_withdraw_someone_elses_request() {
        CurrentUser requester = new CurrentUser("req4-" + run, "Requester", List.of("DEVELOPER"));
        AccessRequest request = requests.request(requester, paymentsRequest());

        assertThatThrownBy(() -> requests.withdraw(new CurrentUser("developer", "developer", List.of("DEVELOPER")), request.id()))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_developer_cannot_break_glass_where_the_policy_does_not_allow_it() {
        CurrentUser developer = new CurrentUser("developer", "developer", List.of("DEVELOPER"));
        assertThatThrownBy(() -> requests.breakGlass(developer, paymentsRequest())).isInstanceOf(AccessDeniedException.class);
        assertThat(paymentsSeenBy("developer")).isZero();
    }

    @Test
    void a_request_longer_than_the_policy_allows_is_refused() {
        CurrentUser developer = new CurrentUser("developer", "developer", List.of("DEVELOPER"));
        AccessRequestService.NewRequest tooLong = new AccessRequestService.NewRequest(GrantKind.SERVICE, List.of("payments"),
                Set.of(), Set.of(), "Incident INC-1234 needs payment logs", "INC-1234", Duration.ofHours(5));
        assertThatThrownBy(() -> requests.request(developer, tooLong)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_request_for_something_the_roles_may_not_request_is_refused() {
        CurrentUser auditor = new CurrentUser("auditor", "auditor", List.of("AUDITOR"));
        assertThatThrownBy(() -> requests.request(auditor, paymentsRequest())).isInstanceOf(AccessDeniedException.class);
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private AccessRequest grantPayments(CurrentUser user) {
        AccessRequest request = requests.request(user, paymentsRequest());
        requests.approve(approver("approver"), request.id(), "ok");
        return requests.approve(approver("approver-two-" + run), request.id(), "ok");
    }

    private static AccessRequestService.NewRequest paymentsRequest() {
        return new AccessRequestService.NewRequest(GrantKind.SERVICE, List.of("payments"), Set.of(), Set.of(),
                "Incident INC-1234 needs payment logs", "INC-1234", Duration.ofHours(1));
    }

    private static CurrentUser approver(String id) {
        return new CurrentUser(id, id, List.of("APPROVER"));
    }

    private long paymentsSeenBy(String user) {
        JsonNode page = okJson(get("/api/v1/logs/search", user, "q", "service:payments AND run:" + run, "from", "now-1h"));
        return page.get("events").size();
    }

    private MvcTestResult get(String path, String user, String... params) {
        var request = mvc.get().uri(path).header(HttpHeaders.AUTHORIZATION, basic(user, user));
        for (int i = 0; i < params.length; i += 2) {
            request = request.param(params[i], params[i + 1]);
        }
        return request.exchange();
    }

    private JsonNode okJson(MvcTestResult result) {
        assertThat(result).as(body(result)).hasStatusOk();
        return json.readTree(body(result));
    }

    private static String body(MvcTestResult result) {
        try {
            return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
