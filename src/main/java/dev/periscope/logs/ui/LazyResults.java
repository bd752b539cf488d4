package dev.periscope.logs.ui;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.periscope.logs.LogAccessChangedException;
import dev.periscope.logs.LogPage;
import dev.periscope.logs.MaskedLogEvent;
import dev.periscope.logs.query.QueryControl;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The rows of the current result, newest first, loaded as the reader scrolls. The first page comes with the search;
 * each further page is fetched off the UI thread with the cursor of the page before, so scrolling never waits on the
 * store and the grid stays usable while a line under it says that older events are loading. Every page is a search of
 * its own through the log service: masked, and audited as one {@code logs.search} record like the first page. Further
 * pages are larger than the first, which keeps the number of records down when someone scrolls far.
 *
 * <p>At most {@link #MAX_ROWS} rows are kept in the page's memory; past that a note says how to reach older events
 * (zoom in on the histogram, narrow the query).
 */
final class LazyResults extends Div {

    static final int MAX_ROWS = 10_000;
    /** Rows of each further page; fewer when the configuration or the store serves fewer. */
    static final int FURTHER_PAGE = 500;
    /** The next page is asked for when the rows the grid shows come this close to the last loaded row. */
    private static final int AHEAD = 100;

    /** Fetches one page after {@code cursor}; runs on a background thread, so it must not touch components. */
    @FunctionalInterface
    interface PageSource {
        LogPage fetch(Optional<String> cursor, int size, QueryControl control);
    }

    private final Grid<MaskedLogEvent> grid;
    private final Supplier<QueryControl> controls;
    private final int furtherPage;
    private final Consumer<RuntimeException> failed;
    private final Executor background;
    private final Supplier<Consumer<Runnable>> uiThread;
    private final List<MaskedLogEvent> loaded = new ArrayList<>();
    private final Span message = new Span();
    private final ProgressBar bar = new ProgressBar();

    private PageSource source = (cursor, size, control) -> {
        throw new IllegalStateException("no search yet");
    };
    private Consumer<List<MaskedLogEvent>> rowsAdded = rows -> {
    };
    private Optional<String> nextCursor = Optional.empty();
    private boolean exhausted = true;
    private Optional<QueryControl> loading = Optional.empty();
    private long generation;

    /** @param largestPage the most events a page may hold */
    LazyResults(Grid<MaskedLogEvent> grid, Supplier<QueryControl> controls, int largestPage,
                Consumer<RuntimeException> failed) {
        this(grid, controls, largestPage, failed, work -> Thread.ofVirtual().name("log-page").start(work),
                UiThread::ofCurrentPage);
    }

    /**
     * @param largestPage the most events a page may hold
     * @param background where pages are fetched
     * @param uiThread called on the UI thread; gives what runs a task back on that UI thread later
     */
    LazyResults(Grid<MaskedLogEvent> grid, Supplier<QueryControl> controls, int largestPage,
                Consumer<RuntimeException> failed, Executor background, Supplier<Consumer<Runnable>> uiThread) {
        this.grid = grid;
        this.controls = controls;
        this.furtherPage = Math.min(FURTHER_PAGE, largestPage);
        this.failed = failed;
        this.background = background;
        this.uiThread = uiThread;
        setId("results-more");
        addClassName("results-more");
        // A status line: screen readers announce "loading" and the end note without moving focus.
        getElement().setAttribute("role", "status");
        getElement().setAttribute("aria-live", "polite");
        bar.setIndeterminate(true);
        bar.setWidth("6rem");
        bar.setVisible(false);
        message.setId("results-more-message");
        add(bar, message);
        addDetachListener(e -> stop());
    }

    /** Shows a new result from its first page; a page still loading for the previous result is cancelled. */
    void show(LogPage first, PageSource pages) {
        stop();
        loaded.clear();
        loaded.addAll(first.events());
        nextCursor = first.nextCursor();
        exhausted = nextCursor.isEmpty();
        source = pages;
        grid.setItems(q -> rows(q.getOffset(), q.getLimit()), q -> loaded.size());
        showState();
        goOnPastAnEmptyPage(first);
    }

    /** Told of the rows of every page loaded after the first. */
    void onRowsAdded(Consumer<List<MaskedLogEvent>> listener) {
        rowsAdded = listener;
    }

    /** The rows loaded so far, newest first. */
    List<MaskedLogEvent> loaded() {
        return Collections.unmodifiableList(loaded);
    }

    boolean isLoading() {
        return loading.isPresent();
    }

    /** Stops loading further pages of this result (a new search, live tail or leaving the page). */
    void stop() {
        generation++;
        loading.ifPresent(QueryControl::cancel);
        loading = Optional.empty();
        showState();
    }

    private Stream<MaskedLogEvent> rows(int offset, int limit) {
        int end = Math.min(loaded.size(), offset + limit);
        if (end + AHEAD >= loaded.size()) {
            loadMore();
        }
        // A copy: the list grows on the UI thread while the grid's answer is being written.
        return offset >= end ? Stream.empty() : List.copyOf(loaded.subList(offset, end)).stream();
    }

    private void loadMore() {
        if (loading.isPresent() || exhausted || loaded.size() >= MAX_ROWS) {
            return;
        }
        Consumer<Runnable> ui = uiThread.get();
        QueryControl control = controls.get();
        loading = Optional.of(control);
        long mine = generation;
        Optional<String> cursor = nextCursor;
        PageSource pages = source;
        int size = Math.min(furtherPage, MAX_ROWS - loaded.size());
        // The grid asks for rows while the response is being written: show "loading" once that is done.
        ui.accept(this::showState);
        background.execute(() -> {
            LogPage page = null;
            RuntimeException error = null;
            try {
                page = pages.fetch(cursor, size, control);
            } catch (RuntimeException e) {
                error = e;
            }
            LogPage answer = page;
            RuntimeException problem = error;
            ui.accept(() -> arrived(mine, cursor, answer, problem));
        });
    }

    private void arrived(long mine, Optional<String> askedAfter, LogPage page, RuntimeException problem) {
        if (mine != generation) {
            return;
        }
        loading = Optional.empty();
        if (problem != null) {
            // Scrolling again tries again, unless the reader's access has changed since the first page: every retry
            // would be refused the same way, so the rows shown end here until the reader searches again.
            if (problem instanceof LogAccessChangedException) {
                exhausted = true;
            }
            showState();
            failed.accept(problem);
            return;
        }
        loaded.addAll(page.events());
        rowsAdded.accept(page.events());
        nextCursor = page.nextCursor();
        // A cursor that has not moved would bring the same page again.
        exhausted = nextCursor.isEmpty() || nextCursor.equals(askedAfter);
        showState();
        grid.getDataProvider().refreshAll();
        goOnPastAnEmptyPage(page);
    }

    /**
     * A page can be empty and still not the last: on Elasticsearch, when every event on it was deleted between its
     * hits and their loading. It adds no row, so the grid would not ask for more; the next page is asked for here,
     * for as long as the cursor moves.
     */
    private void goOnPastAnEmptyPage(LogPage page) {
        if (!page.events().isEmpty()) {
            emptyPagesInARow = 0;
            return;
        }
        // Bounded: a region of the store whose events cannot be loaded would otherwise be paged through without
        // end, one audited search after another with nothing shown. Scrolling again goes on from here.
        if (!exhausted && ++emptyPagesInARow <= MAX_EMPTY_PAGES_IN_A_ROW) {
            loadMore();
        }
    }

    /** Empty pages asked for one after another before waiting for the reader to scroll again. */
    static final int MAX_EMPTY_PAGES_IN_A_ROW = 5;
    private int emptyPagesInARow;

    private void showState() {
        bar.setVisible(loading.isPresent());
        if (loading.isPresent()) {
            message.setText("Loading older events… (" + loaded.size() + " shown)");
        } else if (!exhausted && loaded.size() >= MAX_ROWS) {
            message.setText("The newest " + String.format("%,d", MAX_ROWS) + " events are listed. Zoom in on the "
                    + "histogram or narrow the query to see older ones.");
        } else {
            message.setText("");
        }
        setVisible(!message.getText().isEmpty());
    }
}
