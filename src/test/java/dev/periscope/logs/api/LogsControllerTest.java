package dev.periscope.logs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.RecordingAuditTrail;
import dev.periscope.logs.LogAccess;
import dev.periscope.logs.LogAccessResolver;
import dev.periscope.logs.LogScope;
import dev.periscope.logs.LogService;
import dev.periscope.logs.LogsProperties;
import dev.periscope.logs.MaskingResolvers;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.lucene.LuceneLogStore;
import dev.periscope.logs.store.lucene.LuceneLogStoreProperties;
import dev.periscope.masking.MaskingService;
import dev.periscope.masking.ShippedMasking;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The logs API over a real log service, store and masking engine: bad input answers a JSON error, never a 500. */
class LogsControllerTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final AuditEntry.Actor ALICE = new AuditEntry.Actor("alice", List.of("developer"), "s1", "192.0.2.1", "ua");

    @TempDir
    Path dir;
    LuceneLogStore store;
    RecordingAuditTrail audit = new RecordingAuditTrail();
    MockMvcTester mvc;

    @BeforeEach
    void setUp() {
        store = new LuceneLogStore(dir, LuceneLogStoreProperties.defaults(), CLOCK);
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(new LogEvent(LogEvent.idOf(i + 1), NOW.toEpochMilli() - 60_000 + i * 1000L, "checkout",
                    "INFO", "order " + i + " timed out", Map.of("password", "hunter" + i, "order.id", "o-" + i),
                    "checkout.log", i + 1, i * 100L, false));
        }
        store.add(events);
        store.refresh();
        MaskingService masking = ShippedMasking.service();
        LogService logs = new LogService(store, masking, audit, LogsProperties.defaults(), MaskingResolvers.of(masking),
                CLOCK);
        LogAccessResolver access = mock(LogAccessResolver.class);
        when(access.forUser(any(), anyString())).thenReturn(Optional.of(LogAccess.of(ALICE, LogScope.everything())));
        MockMvc standalone = MockMvcBuilders.standaloneSetup(new LogsController(logs, access, CLOCK)).build();
        mvc = MockMvcTester.create(standalone);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    MvcTestResult get(String path, String... params) {
        var request = mvc.get().uri(path).principal(new TestingAuthenticationToken("alice", null, "ROLE_DEVELOPER"));
        for (int i = 0; i < params.length; i += 2) {
            request = request.param(params[i], params[i + 1]);
        }
        return request.exchange();
    }

    @Test
    void a_wildcard_too_complex_to_run_answers_400_with_a_message() {
        MvcTestResult result = get("/api/v1/logs/search", "q", "service:*a????????????????????", "from", "now-1h");
        assertThat(result).hasStatus(400);
        assertThat(result).bodyJson().extractingPath("$.error").isEqualTo("bad_query");
        assertThat(result).bodyJson().extractingPath("$.message").asString().contains("too complex");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775807s", "0s", "400d"})
    void a_histogram_interval_out_of_range_answers_400_with_a_message(String interval) {
        MvcTestResult result = get("/api/v1/logs/histogram", "interval", interval, "from", "now-1h");
        assertThat(result).hasStatus(400);
        assertThat(result).bodyJson().extractingPath("$.message").asString().contains("interval");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+300000000-01-01T00:00:00Z", "-300000000-01-01T00:00:00Z"})
    void a_time_too_far_off_answers_400_with_a_message(String time) {
        MvcTestResult from = get("/api/v1/logs/search", "from", time);
        assertThat(from).hasStatus(400);
        assertThat(from).bodyJson().extractingPath("$.message").asString().contains("'from'");
        MvcTestResult to = get("/api/v1/logs/histogram", "from", "now-1h", "to", time);
        assertThat(to).hasStatus(400);
        MvcTestResult inQuery = get("/api/v1/logs/search", "q", "timestamp:\"+300000000-01-01\"", "from", "now-1h");
        assertThat(inQuery).hasStatus(400);
        assertThat(inQuery).bodyJson().extractingPath("$.message").asString().contains("Not a time");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password:hunter3", "password:hunter*", "password:[a TO z]", "password:/hunter.*/"})
    void a_search_of_a_field_masked_by_its_name_answers_403_like_any_probe(String q) throws Exception {
        MvcTestResult result = get("/api/v1/logs/histogram", "q", q, "from", "now-1h");
        assertThat(result).hasStatus(403);
        assertThat(result).bodyJson().extractingPath("$.error").isEqualTo("search_by_token");
        assertThat(result.getResponse().getContentAsString()).doesNotContain("hunter");
        assertThat(audit.recorded).singleElement()
                .satisfies(e -> assertThat(e.decision()).isEqualTo(AuditEntry.Decision.PROBE_REFUSED));
    }

    @Test
    void an_ordinary_search_answers_200() throws Exception {
        MvcTestResult result = get("/api/v1/logs/search", "q", "service:check* AND \"timed out\"", "from", "now-1h");
        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.events.length()").isEqualTo(10);
        assertThat(result.getResponse().getContentAsString()).doesNotContain("hunter");
    }

    @Test
    void a_search_answers_with_its_range_resolved_so_the_next_page_can_pin_a_relative_one() throws Exception {
        MvcTestResult result = get("/api/v1/logs/search", "q", "", "from", "now-1h", "limit", "5");

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.from").isEqualTo(NOW.minusSeconds(3600).toString());
        assertThat(result).bodyJson().extractingPath("$.to").isEqualTo(NOW.toString());
    }
}
