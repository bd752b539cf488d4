package dev.periscope.logs.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.data.provider.Query;
import dev.periscope.audit.AuditEntry;
import dev.periscope.audit.RecordingAuditTrail;
import dev.periscope.logs.LiveAccess;
import dev.periscope.logs.LogAccess;
import dev.periscope.logs.LogQuery;
import dev.periscope.logs.LogQueryValueResolver;
import dev.periscope.logs.LogScope;
import dev.periscope.logs.LogService;
import dev.periscope.logs.LogsProperties;
import dev.periscope.logs.MaskedLogEvent;
import dev.periscope.logs.query.BackendUnavailableException;
import dev.periscope.logs.store.LogEvent;
import dev.periscope.logs.store.LogStore;
import dev.periscope.logs.store.lucene.LuceneLogStore;
import dev.periscope.logs.store.lucene.LuceneLogStoreProperties;
import dev.periscope.masking.FakeMasker;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveTailTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final LogAccess READER = LogAccess.of(new AuditEntry.Actor("alice", List.of("developer"), "s1",
            "192.0.2.1", "ua"), LogScope.everything());
    private static final LiveAccess UNCHANGING = new LiveAccess(READER, () -> Optional.of(READER));
    private static final LogQuery LAST_HOUR = new LogQuery("", NOW.minusSeconds(3600), NOW);

    @TempDir
    Path dir;
    private LuceneLogStore store;
    /** Tasks handed back to the UI thread, run only when the test says so. */
    private final BlockingQueue<Runnable> uiTasks = new LinkedBlockingQueue<>();
    private final List<String> errors = new ArrayList<>();
    private final Grid<MaskedLogEvent> grid = new Grid<>();
    /** The first poll of the store waits here until the test lets it go on. */
    private final CountDownLatch firstPollStarted = new CountDownLatch(1);
    private final CountDownLatch firstPollMayGoOn = new CountDownLatch(1);
    private LiveTail tail;

    @BeforeEach
    void setUp() {
        openStore(LuceneLogStoreProperties.defaults());
    }

    private void openStore(LuceneLogStoreProperties properties) {
        store = new LuceneLogStore(dir, properties, CLOCK);
        add(1, 10);
    }

    @AfterEach
    void tearDown() throws IOException {
        firstPollMayGoOn.countDown();
        if (tail != null) {
            tail.stop();
        }
        store.close();
    }

    private void add(int from, int to) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            events.add(new LogEvent(LogEvent.idOf(i), NOW.toEpochMilli() - 600_000 + i * 1000L, "checkout", "INFO",
                    "event " + i, Map.of(), "checkout.log", i, i * 100L, false));
        }
        store.add(events);
        store.refresh();
    }

    /** The test store, whose first poll waits for the test and then answers as {@code firstPoll} says. */
    private LiveTail tailOn(FirstPoll firstPoll) {
        int[] polls = {0};
        LogStore held = (LogStore) Proxy.newProxyInstance(LogStore.class.getClassLoader(),
                new Class<?>[] {LogStore.class}, (proxy, method, args) -> {
                    boolean first = method.getName().equals("tail") && polls[0]++ == 0;
                    if (first) {
                        firstPollStarted.countDown();
                        firstPollMayGoOn.await(10, TimeUnit.SECONDS);
                        firstPoll.before();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        LogService logs = new LogService(held, new FakeMasker(), new RecordingAuditTrail(), LogsProperties.defaults(),
                LogQueryValueResolver.identity(), CLOCK);
        tail = new LiveTail(logs, grid, errors::add, () -> uiTasks::add);
        return tail;
    }

    @FunctionalInterface
    private interface FirstPoll {
        void before();
    }

    private int gridSize() {
        return grid.getDataProvider().size(new Query<>());
    }

    /** Restarts the tail while its first run's poll is still reading, then lets that poll answer. */
    private void restartDuringTheFirstPoll(LiveTail live) throws InterruptedException {
        live.start(UNCHANGING, LAST_HOUR, List.of());
        assertThat(firstPollStarted.await(10, TimeUnit.SECONDS)).isTrue();
        add(11, 12);
        live.stop();
        live.start(UNCHANGING, LAST_HOUR, List.of());
        firstPollMayGoOn.countDown();
        Runnable late = uiTasks.poll(10, TimeUnit.SECONDS);
        assertThat(late).as("the stopped run's poll answers").isNotNull();
        late.run();
    }

    @Test
    void events_of_a_poll_of_a_stopped_run_do_not_reach_the_run_started_after_it() throws InterruptedException {
        LiveTail live = tailOn(() -> { });

        restartDuringTheFirstPoll(live);

        assertThat(live.isLive()).isTrue();
        assertThat(gridSize()).as("the new run started after events 11 and 12").isZero();
    }

    @Test
    void a_failed_poll_of_a_stopped_run_does_not_stop_the_run_started_after_it() throws InterruptedException {
        LiveTail live = tailOn(() -> {
            throw new BackendUnavailableException("The log store is busy.", new IOException("429"));
        });

        restartDuringTheFirstPoll(live);

        assertThat(live.isLive()).isTrue();
        assertThat(errors).isEmpty();
    }

    @Test
    void a_poll_asks_for_no_more_events_than_the_store_serves_in_a_page() throws Exception {
        store.close();
        LuceneLogStoreProperties d = LuceneLogStoreProperties.defaults();
        openStore(new LuceneLogStoreProperties(d.refreshInterval(), d.searchIdleAfter(), d.ramBuffer(),
                d.indexThreads(), d.retention(), 100, d.maxBuckets(), d.maxExpansions(), d.aggregationCacheEntries(),
                d.maxFieldNames()));
        LiveTail live = tailOn(() -> { });
        live.start(UNCHANGING, LAST_HOUR, List.of());
        assertThat(firstPollStarted.await(10, TimeUnit.SECONDS)).isTrue();
        add(11, 12);
        firstPollMayGoOn.countDown();

        Runnable answer = uiTasks.poll(10, TimeUnit.SECONDS);
        assertThat(answer).isNotNull();
        answer.run();

        assertThat(errors).isEmpty();
        assertThat(live.isLive()).isTrue();
        assertThat(gridSize()).isEqualTo(2);
    }
}
