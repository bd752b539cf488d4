package dev.periscope.metrics.ui;

import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;

/**
 * A PromQL editor (CodeMirror with {@code @prometheus-io/codemirror-promql}): highlighting, linting, and completion
 * of functions, metric names, labels and values. Names and values come from {@link Completion}, i.e. from the
 * portal's scoped, audited and masked service, never from Prometheus directly. Ctrl/Cmd+Enter runs the query.
 */
@Tag("promql-editor")
@JsModule("./components/promql-editor.js")
@CssImport("./components/metrics.css")
@NpmPackage(value = "@prometheus-io/codemirror-promql", version = "0.314.0")
@NpmPackage(value = "@codemirror/autocomplete", version = "6.20.4")
@NpmPackage(value = "@codemirror/commands", version = "6.11.1")
@NpmPackage(value = "@codemirror/language", version = "6.13.1")
@NpmPackage(value = "@codemirror/lint", version = "6.9.8")
@NpmPackage(value = "@codemirror/state", version = "6.7.6")
@NpmPackage(value = "@codemirror/view", version = "6.43.15")
@NpmPackage(value = "@lezer/common", version = "1.5.5")
@NpmPackage(value = "@lezer/highlight", version = "1.2.5")
class PromQlEditor extends Component implements HasSize {

    /** Answers the editor's completion requests, as JSON, within the user's scope. */
    interface Completion {
        String labelNames(String metric);

        String labelValues(String label, String metric);

        String series(String metric);
    }

    /**
     * A query run with Ctrl+Enter would leave the completion list open over the results. The editor closes it as
     * Escape does (its completion keymap), after the run's own key event is handled. Wired from here because the
     * editor's module is part of the committed frontend bundle.
     */
    private static final String CLOSE_COMPLETION_ON_RUN = """
            if (!this.__closesCompletionOnRun) {
              this.__closesCompletionOnRun = true;
              this.addEventListener('run', () => setTimeout(() => {
                if (this.view && this.shadowRoot && this.shadowRoot.querySelector('.cm-tooltip-autocomplete')) {
                  this.view.contentDOM.dispatchEvent(new KeyboardEvent('keydown',
                      { key: 'Escape', code: 'Escape', keyCode: 27, bubbles: true, cancelable: true }));
                }
              }));
            }""";

    private final Completion completion;
    private String value = "";

    PromQlEditor(Completion completion) {
        this.completion = completion;
        setId("promql");
        getElement().setAttribute("placeholder", "sum by (service) (rate(http_requests_total[5m]))");
        // The text travels in events (on blur and with every run), not as a synchronized property, so nothing is
        // written back into the editor while the user types.
        getElement().addEventListener("value-changed", e -> value = e.getEventData().get("event.detail.value").asString(""))
                .addEventData("event.detail.value");
        addAttachListener(e -> getElement().executeJs(CLOSE_COMPLETION_ON_RUN));
    }

    String getValue() {
        return value;
    }

    void setValue(String text) {
        value = text;
        getElement().executeJs("this.value = $0", text);
    }

    /** Asks the browser for the current text and runs the query with it, as Ctrl+Enter does. */
    void requestRun() {
        getElement().executeJs("this.requestRun()");
    }

    Registration addRunListener(Runnable listener) {
        return getElement().addEventListener("run", e -> {
            value = e.getEventData().get("event.detail.value").asString("");
            listener.run();
        }).addEventData("event.detail.value");
    }

    @ClientCallable
    String labelNames(String metric) {
        return completion.labelNames(metric);
    }

    @ClientCallable
    String labelValues(String label, String metric) {
        return completion.labelValues(label, metric);
    }

    @ClientCallable
    String series(String metric) {
        return completion.series(metric);
    }

    @ClientCallable
    String metadata() {
        // Metadata cannot be scoped by labels (see the scoping decision), so the editor completes without it.
        return "{}";
    }
}
