package dev.periscope.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.AuditUnavailableException;
import dev.periscope.audit.RecordingAuditTrail;
import dev.periscope.logs.LogAccess;
import dev.periscope.logs.LogQueryValueResolver;
import dev.periscope.logs.LogScope;
import dev.periscope.logs.LogService;
import dev.periscope.logs.LogsProperties;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.lucene.LuceneLogStore;
import dev.periscope.logs.store.lucene.LuceneLogStoreProperties;
import dev.periscope.masking.FakeMasker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProblemsServiceTest {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final Instant FROM = NOW.minus(Duration.ofHours(4));
    static final AuditEntry.Actor ALICE = new AuditEntry.Actor("alice", List.of("developer"), "s1", "192.0.2.1", "ua");
    static final LogAccess EVERYTHING = LogAccess.of(ALICE, LogScope.everything());
    static final LogAccess PAYMENTS_ONLY = LogAccess.of(ALICE, LogScope.services(List.of("payments"),
            Duration.ofDays(30)));

    @TempDir
    Path dir;
    LuceneLogStore store;
    RecordingAuditTrail audit = new RecordingAuditTrail();
    ProblemsService problems;
    Fingerprints fingerprints = new Fingerprints(ProblemsProperties.defaults());
    ProblemEnricher enricher = new ProblemEnricher(fingerprints);
    List<LogEvent> events = new ArrayList<>();
    String cart;
    String avatar;
    String grpc;

    @BeforeEach
    void setUp() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        store = new LuceneLogStore(dir, LuceneLogStoreProperties.defaults(), clock);
        // A steady problem in two services, one deploy apart.
        for (int i = 0; i < 20; i++) {
            String trace = Corpus.read(i % 2 == 0 ? "java-spring-wrapped.txt" : "java-spring-wrapped-after-deploy.txt");
            add(NOW.minus(Duration.ofMinutes(12L * i + 5)), i % 4 == 0 ? "payments" : "checkout", trace);
        }
        // Around for days, as well: not new.
        add(NOW.minus(Duration.ofDays(3)), "checkout", Corpus.read("java-spring-wrapped.txt"));
        add(NOW.minus(Duration.ofHours(10)), "checkout", Corpus.read("java-spring-wrapped.txt"));
        // Only in the last half hour, and rising: new and spiking.
        for (int i = 0; i < 6; i++) {
            add(NOW.minus(Duration.ofMinutes(3L * i + 1)), "users", Corpus.read("python-chained.txt"));
        }
        // Seen three days ago, quiet since, back now: regressed.
        add(NOW.minus(Duration.ofDays(3)), "inventory", Corpus.read("kotlin-grpc.txt"));
        add(NOW.minus(Duration.ofHours(1)), "inventory", Corpus.read("kotlin-grpc.txt"));
        add(NOW.minus(Duration.ofMinutes(30)), "checkout", "plain event without a trace");
        store.add(events);
        store.refresh();
        cart = fingerprints.of(Corpus.parse("java-spring-wrapped.txt")).value();
        avatar = fingerprints.of(Corpus.parse("python-chained.txt")).value();
        grpc = fingerprints.of(Corpus.parse("kotlin-grpc.txt")).value();
        LogService logs = new LogService(store, new FakeMasker(), audit, LogsProperties.defaults(),
                LogQueryValueResolver.identity(), clock);
        problems = new ProblemsService(logs, audit, fingerprints, ProblemsProperties.defaults());
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    private void add(Instant at, String service, String message) {
        Map<String, String> fields = new HashMap<>(enricher.enrich(service, message, Map.of()));
        fields.put("host", service + "-1");
        events.add(new LogEvent(LogEvent.idOf(events.size() + 1), at.toEpochMilli(), service, "ERROR", message, fields,
                service + ".log", events.size() + 1, events.size() * 100L, false));
    }

    private ProblemList list(LogAccess access, ProblemQuery.Sort sort) {
        return problems.list(access, new ProblemQuery(FROM, NOW, Optional.empty(), "", sort));
    }

    @Test
    void lists_groups_by_frequency_with_counts_services_hosts_and_a_trend() {
        ProblemList list = list(EVERYTHING, ProblemQuery.Sort.FREQUENT);

        assertThat(list.problems()).extracting(Problem::fingerprint).containsExactly(cart, avatar, grpc);
        Problem first = list.problems().getFirst();
        assertThat(first.count()).isEqualTo(20);
        assertThat(first.trend().stream().mapToLong(Long::longValue).sum()).isEqualTo(20);
        assertThat(first.services()).containsExactly("checkout", "payments");
        assertThat(first.hosts()).extracting(h -> h.text()).contains("checkout-1", "payments-1");
        assertThat(first.type()).isEqualTo("java.lang.IllegalStateException");
        assertThat(first.version()).isEqualTo(Fingerprints.VERSION);
        assertThat(first.lastSeen()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
        assertThat(first.firstSeen()).isEqualTo(NOW.minus(Duration.ofDays(3)));
        assertThat(first.marker()).isEqualTo(Problem.Marker.NONE);
    }

    @Test
    void marks_new_and_regressed_groups() {
        Map<String, Problem.Marker> markers = new HashMap<>();
        list(EVERYTHING, ProblemQuery.Sort.FREQUENT).problems().forEach(p -> markers.put(p.fingerprint(), p.marker()));

        assertThat(markers).containsEntry(avatar, Problem.Marker.NEW).containsEntry(grpc, Problem.Marker.REGRESSED)
                .containsEntry(cart, Problem.Marker.NONE);
    }

    @Test
    void sorts_by_newest_and_by_spiking() {
        assertThat(list(EVERYTHING, ProblemQuery.Sort.NEWEST).problems()).extracting(Problem::fingerprint)
                .startsWith(avatar);
        assertThat(list(EVERYTHING, ProblemQuery.Sort.SPIKING).problems().getFirst().fingerprint()).isEqualTo(avatar);
    }

    @Test
    void a_syntax_error_in_the_filter_points_into_the_filter_as_written() {
        var broken = new ProblemQuery(FROM, NOW, Optional.of("users"), "level:(ERROR", ProblemQuery.Sort.FREQUENT);
        assertThatThrownBy(() -> problems.list(EVERYTHING, broken))
                .isInstanceOf(dev.periscope.logs.query.InvalidQueryException.class)
                .hasMessage("Syntax error: unexpected end of query (at character 13)");
        var early = new ProblemQuery(FROM, NOW, Optional.empty(), "level:ERROR AND AND x", ProblemQuery.Sort.FREQUENT);
        assertThatThrownBy(() -> problems.list(EVERYTHING, early)).hasMessageEndingWith("(at character 17)");
    }

    @Test
    void filters_by_service_and_text() {
        assertThat(problems.list(EVERYTHING, new ProblemQuery(FROM, NOW, Optional.of("users"), "",
                ProblemQuery.Sort.FREQUENT)).problems()).extracting(Problem::fingerprint).containsExactly(avatar);
        assertThat(problems.list(EVERYTHING, new ProblemQuery(FROM, NOW, Optional.empty(), "UNAVAILABLE",
                ProblemQuery.Sort.FREQUENT)).problems()).extracting(Problem::fingerprint).containsExactly(grpc);
    }

    @Test
    void titles_and_traces_are_read_from_masked_events() {
        Problem avatarProblem = list(EVERYTHING, ProblemQuery.Sort.FREQUENT).problems().stream()
                .filter(p -> p.fingerprint().equals(avatar)).findFirst().orElseThrow();
        assertThat(avatarProblem.title()).isEqualTo("google.api_core.exceptions.NotFound: 404 GET "
                + "https://storage.googleapis.com/avatars/u-4821.png: No such object");

        ProblemDetail detail = problems.group(EVERYTHING, avatar, FROM, NOW).orElseThrow();
        StackTrace trace = detail.trace().orElseThrow();
        assertThat(trace.exceptions().getFirst().message()).isEqualTo("no avatar for <email>");
        assertThat(trace.rootCause().frames()).extracting(StackFrame::inApp).containsExactly(false, false, true);
        assertThat(detail.samples()).hasSize(6).allSatisfy(e -> assertThat(e.message().text())
                .doesNotContain("li.chen@example.com"));
        assertThat(detail.occurrences().total()).isEqualTo(6);
        assertThat(detail.services()).extracting(v -> v.value().text()).containsExactly("users");
    }

    @Test
    void the_scope_limits_counts_and_services_to_what_the_reader_may_see() {
        Problem cartInPayments = list(PAYMENTS_ONLY, ProblemQuery.Sort.FREQUENT).problems().getFirst();

        assertThat(cartInPayments.fingerprint()).isEqualTo(cart);
        assertThat(cartInPayments.count()).isEqualTo(5);
        assertThat(cartInPayments.services()).containsExactly("payments");
        assertThat(problems.group(PAYMENTS_ONLY, avatar, FROM, NOW)).isEmpty();
    }

    @Test
    void every_view_is_audited_and_refused_when_the_audit_cannot_record_it() {
        list(EVERYTHING, ProblemQuery.Sort.FREQUENT);
        problems.group(EVERYTHING, cart, FROM, NOW);

        assertThat(audit.actions()).containsExactly("problems.list", "problems.view");
        assertThat(audit.recorded.getLast().maskedQuery()).isEqualTo("fingerprint " + cart);
        assertThat(audit.begun).extracting(AuditEntry::action).contains("logs.top-values", "logs.histogram",
                "logs.search");

        audit.unavailable = true;
        assertThatThrownBy(() -> list(EVERYTHING, ProblemQuery.Sort.FREQUENT))
                .isInstanceOf(AuditUnavailableException.class);
    }

    @Test
    void refuses_what_is_not_a_fingerprint() {
        assertThatThrownBy(() -> problems.group(EVERYTHING, "x\" OR *:*", FROM, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
