package dev.periscope.logs.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import java.util.function.Consumer;

/** Runs work from a background thread on the page's UI thread, with the session lock that components need. */
final class UiThread {

    private UiThread() {
    }

    /**
     * A runner for the page of the calling request. A task that arrives after the page is gone is dropped: nobody is
     * there to see it, and the page's detach listeners end what it started.
     */
    static Consumer<Runnable> ofCurrentPage() {
        UI ui = UI.getCurrent();
        return task -> {
            try {
                ui.access(task::run);
            } catch (UIDetachedException e) {
                // The page is gone.
            }
        };
    }
}
