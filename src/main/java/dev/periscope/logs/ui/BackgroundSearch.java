package dev.periscope.logs.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.periscope.logs.query.QueryControl;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a search off the UI thread, so the page stays usable: a progress bar and a Cancel button show while it runs.
 * Cancel trips the query's {@link QueryControl}, which the store polls while it collects, so the query really stops.
 * Starting a new search cancels the one running; a late answer from a superseded search is dropped.
 */
final class BackgroundSearch extends HorizontalLayout {

    private final Supplier<QueryControl> controls;
    private final ProgressBar bar = new ProgressBar();
    private final Button cancel = new Button("Cancel");
    private Optional<QueryControl> running = Optional.empty();
    private long generation;

    BackgroundSearch(Supplier<QueryControl> controls) {
        this.controls = controls;
        setId("search-progress");
        addClassName("search-progress");
        setAlignItems(Alignment.CENTER);
        bar.setIndeterminate(true);
        bar.setWidth("8rem");
        cancel.setId("cancel-search");
        cancel.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        cancel.addClickListener(e -> cancel());
        add(new Span("Searching…"), bar, cancel);
        setVisible(false);
        addDetachListener(e -> cancel());
    }

    /**
     * Runs {@code work} with a fresh query control on the search thread, then {@code done} or {@code failed} on the
     * UI thread. The work must not touch components: it computes, the callbacks show.
     */
    <T> void run(Function<QueryControl, T> work, Consumer<T> done, Consumer<RuntimeException> failed) {
        cancel();
        QueryControl control = controls.get();
        long mine = ++generation;
        running = Optional.of(control);
        setVisible(true);
        UI ui = UI.getCurrent();
        // A virtual thread per search: nothing to shut down, and a superseded search that is still stopping does not
        // hold up the next one.
        Thread.ofVirtual().name("log-search").start(() -> {
            T result = null;
            RuntimeException error = null;
            try {
                result = work.apply(control);
            } catch (RuntimeException e) {
                error = e;
            }
            T answer = result;
            RuntimeException problem = error;
            try {
                ui.access(() -> {
                    if (mine != generation) {
                        return;
                    }
                    running = Optional.empty();
                    setVisible(false);
                    if (problem != null) {
                        failed.accept(problem);
                    } else {
                        done.accept(answer);
                    }
                });
            } catch (UIDetachedException e) {
                // The page is gone; nobody waits for this answer.
            }
        });
    }

    boolean isRunning() {
        return running.isPresent();
    }

    /** Stops the running search, if any; its answer arrives as a cancelled query. */
    void cancel() {
        running.ifPresent(QueryControl::cancel);
    }
}
