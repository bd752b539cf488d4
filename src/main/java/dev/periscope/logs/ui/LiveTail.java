package dev.periscope.logs.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.periscope.logs.LiveAccess;
import dev.periscope.logs.LogAccessDeniedException;
import dev.periscope.logs.LogQuery;
import dev.periscope.logs.LogService;
import dev.periscope.logs.MaskedLogEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Live mode for the results grid: new events appear at the top as they arrive. Scrolling away from the top pauses
 * the display (events keep arriving into a waiting list) so the row being read does not move; scrolling back, or
 * "Jump to newest", resumes. At most {@link #BUFFER} events are kept, newest first.
 *
 * <p>One {@link LogService.TailSession} per live run, so the whole run is one audit record. The session is polled and
 * closed only by this component's single worker thread: the session is not thread-safe.
 */
final class LiveTail extends HorizontalLayout {

    static final int BUFFER = 2_000;
    /** Events one poll reads at most; fewer when the configuration or the store serves fewer. */
    private static final int POLL_LIMIT = 500;
    private static final long POLL_MILLIS = 1_000;
    private static final int AWAY_PIXELS = 40;

    private final LogService logs;
    private final Grid<MaskedLogEvent> grid;
    private final Consumer<String> onError;
    private final Supplier<Consumer<Runnable>> uiThread;
    private final int pollLimit;
    private final Button toggle = new Button("Live", VaadinIcon.PLAY.create());
    private final Span status = new Span();
    private final Button resume = new Button("Jump to newest", VaadinIcon.ARROW_UP.create());
    private final Deque<MaskedLogEvent> shown = new ArrayDeque<>();
    private final Deque<MaskedLogEvent> waiting = new ArrayDeque<>();

    private Runnable startRequest = () -> { };
    private Consumer<List<MaskedLogEvent>> rowsAdded = rows -> { };
    private Optional<Run> run = Optional.empty();
    private boolean paused;
    private long received;

    LiveTail(LogService logs, Grid<MaskedLogEvent> grid, Consumer<String> onError) {
        this(logs, grid, onError, UiThread::ofCurrentPage);
    }

    /** @param uiThread called on the UI thread; gives what runs a task back on that UI thread later */
    LiveTail(LogService logs, Grid<MaskedLogEvent> grid, Consumer<String> onError,
             Supplier<Consumer<Runnable>> uiThread) {
        this.logs = logs;
        this.grid = grid;
        this.onError = onError;
        this.uiThread = uiThread;
        this.pollLimit = Math.min(POLL_LIMIT, logs.maxPageSize());
        setId("live-tail");
        addClassName("live-tail");
        setAlignItems(Alignment.CENTER);
        toggle.setId("live-toggle");
        toggle.addThemeVariants(ButtonVariant.LUMO_SMALL);
        toggle.addClickListener(e -> {
            if (isLive()) {
                stop();
            } else {
                startRequest.run();
            }
        });
        status.setId("live-status");
        resume.setId("live-resume");
        resume.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        resume.addClickListener(e -> {
            grid.scrollToIndex(0);
            setPaused(false);
        });
        resume.setVisible(false);
        add(toggle, status, resume);
        grid.getElement().addEventListener("live-scroll", e -> setPaused(e.getEventData()
                .get("event.detail.away").asBoolean())).addEventData("event.detail.away");
        // vaadin-grid scrolls inside its shadow root (#table); scroll events do not leave it, so report the one bit
        // the server needs: whether the reader has moved away from the newest rows.
        grid.getElement().executeJs("""
                const grid = this;
                const watch = () => {
                  const table = grid.$ && grid.$.table;
                  if (!table) { requestAnimationFrame(watch); return; }
                  table.addEventListener('scroll', () => {
                    const away = table.scrollTop > $0;
                    if (away !== grid.__periscopeAway) {
                      grid.__periscopeAway = away;
                      grid.dispatchEvent(new CustomEvent('live-scroll', {detail: {away}}));
                    }
                  });
                };
                watch();""", AWAY_PIXELS);
        addDetachListener(e -> stop());
    }

    /** What the toggle does to go live: the view opens the session with the current query and access. */
    void onStartRequested(Runnable start) {
        this.startRequest = start;
    }

    boolean isLive() {
        return run.isPresent();
    }

    /**
     * Goes live from the events already shown (newest first). Opening the session is audited; when it is refused
     * the exception reaches the caller and nothing changes. Each poll asks for the reader's access again; when it has
     * changed (a grant ended or was revoked), live mode ends with a notice.
     */
    void start(LiveAccess access, LogQuery query, List<MaskedLogEvent> newestFirst) {
        stop();
        LogService.TailSession session = logs.tail(access, query, Optional.empty(), logs.newControl());
        Consumer<Runnable> ui = uiThread.get();
        shown.clear();
        waiting.clear();
        newestFirst.stream().limit(BUFFER).forEach(shown::addLast);
        received = 0;
        paused = false;
        lastPartial = Optional.empty();
        grid.setItems(query1 -> shown.stream().skip(query1.getOffset()).limit(query1.getLimit()),
                query1 -> shown.size());
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "live-tail");
            thread.setDaemon(true);
            return thread;
        });
        Run started = new Run(executor, session);
        run = Optional.of(started);
        executor.scheduleWithFixedDelay(() -> poll(started, ui), 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        toggle.setText("Stop");
        toggle.setIcon(VaadinIcon.STOP.create());
        toggle.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        showStatus();
    }

    /** Leaves live mode; the rows shown stay. Closing completes the session's audit record. */
    void stop() {
        // The close runs on the worker thread after any poll in progress, whatever stopped the run (button, new
        // search, detach), so the session is never used by two threads.
        run.ifPresent(r -> {
            r.executor().execute(r.session()::close);
            r.executor().shutdown();
        });
        run = Optional.empty();
        resume.setVisible(false);
        toggle.setText("Live");
        toggle.setIcon(VaadinIcon.PLAY.create());
        toggle.removeThemeVariants(ButtonVariant.LUMO_PRIMARY);
        status.setText("");
    }

    private record Run(ScheduledExecutorService executor, LogService.TailSession session) {
    }

    /**
     * Whether {@code mine} is the run shown now. A poll still reading when its run stopped answers later, maybe
     * while another run is shown: its events and its failure belong to a run that is over.
     */
    private boolean isCurrent(Run mine) {
        return run.filter(r -> r == mine).isPresent();
    }

    /** Why the last poll may have missed events, as the store said; read and written on the UI thread. */
    private java.util.Optional<String> lastPartial = java.util.Optional.empty();

    private void poll(Run mine, Consumer<Runnable> ui) {
        try {
            List<MaskedLogEvent> events = mine.session().poll(pollLimit, logs.newControl());
            java.util.Optional<String> partial = mine.session().partial();
            if (!events.isEmpty() || !partial.equals(lastPartial)) {
                ui.accept(() -> {
                    if (!isCurrent(mine)) {
                        return;
                    }
                    lastPartial = partial;
                    if (!events.isEmpty()) {
                        arrived(events);
                    } else {
                        showStatus();
                    }
                });
            }
        } catch (LogAccessDeniedException e) {
            // The session has closed itself; the rows shown stay, and the reader learns why nothing more comes.
            ui.accept(() -> {
                if (isCurrent(mine)) {
                    stop();
                    onError.accept("Live tail stopped. " + e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            ui.accept(() -> {
                if (isCurrent(mine)) {
                    stop();
                    onError.accept("Live tail stopped: the store could not be read. Try again shortly.");
                }
            });
        }
    }

    /** Told of the events that arrive while live. */
    void onRowsAdded(Consumer<List<MaskedLogEvent>> listener) {
        rowsAdded = listener;
    }

    /** New events, oldest first. */
    private void arrived(List<MaskedLogEvent> oldestFirst) {
        received += oldestFirst.size();
        rowsAdded.accept(oldestFirst);
        Deque<MaskedLogEvent> target = paused ? waiting : shown;
        for (MaskedLogEvent event : oldestFirst) {
            target.addFirst(event);
        }
        trim(target);
        if (!paused) {
            grid.getDataProvider().refreshAll();
        }
        showStatus();
    }

    private void setPaused(boolean away) {
        if (!isLive() || away == paused) {
            return;
        }
        paused = away;
        if (!paused && !waiting.isEmpty()) {
            List<MaskedLogEvent> flushed = new ArrayList<>(waiting);
            waiting.clear();
            for (int i = flushed.size() - 1; i >= 0; i--) {
                shown.addFirst(flushed.get(i));
            }
            trim(shown);
            grid.getDataProvider().refreshAll();
        }
        showStatus();
    }

    private static void trim(Deque<MaskedLogEvent> events) {
        while (events.size() > BUFFER) {
            events.removeLast();
        }
    }

    private void showStatus() {
        resume.setVisible(paused);
        status.getElement().setAttribute("data-state", paused ? "paused" : "live");
        status.setText(paused
                ? "Paused while you scroll · " + waiting.size() + " new waiting"
                : "Live · " + received + " new");
        // Shards that failed or timed out may have held events this tail did not get: the reader must know.
        lastPartial.ifPresent(why -> status.setText(status.getText() + " · " + why));
    }
}
