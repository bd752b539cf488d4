package dev.periscope.logs.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Suggestions under the query bar: the user's recent queries when the bar is empty, field names while a word is
 * typed, and a field's values after {@code field:}. Everything it offers is already masked (history is kept masked,
 * values come from the last search's top values), and it asks the store nothing, so typing reads no data.
 */
final class QueryAssist extends Div {

    static final int MAX_SUGGESTIONS = 8;

    private final TextField query;
    private final Supplier<List<String>> history;
    private final Consumer<String> run;
    private final Set<String> fieldNames = new LinkedHashSet<>();
    private final Map<String, List<String>> fieldValues = new LinkedHashMap<>();
    private List<String> shownKeys = List.of();

    QueryAssist(TextField query, Supplier<List<String>> history, Consumer<String> run) {
        this.query = query;
        this.history = history;
        this.run = run;
        setId("query-suggestions");
        addClassName("query-suggestions");
        query.setValueChangeMode(ValueChangeMode.LAZY);
        query.setValueChangeTimeout(250);
        query.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                suggest(e.getValue());
            }
        });
        query.addFocusListener(e -> suggest(query.getValue()));
        setVisible(false);
    }

    /** What the last search showed: the field names seen and the top values of the sidebar's fields. */
    void learn(Collection<String> names, Map<String, List<String>> values) {
        fieldNames.addAll(names);
        fieldValues.clear();
        fieldValues.putAll(values);
    }

    void hide() {
        removeAll();
        shownKeys = List.of();
        setVisible(false);
    }

    void suggest(String text) {
        List<Suggestion> next = new ArrayList<>();
        if (text.isBlank()) {
            history.get().stream().limit(MAX_SUGGESTIONS)
                    .forEach(q -> next.add(new Suggestion(q, "history-item", () -> run.accept(q))));
        } else {
            String token = lastToken(text);
            String head = text.substring(0, text.length() - token.length());
            for (Completion completion : completions(token)) {
                next.add(new Suggestion(completion.label(), "completion", () -> {
                    query.setValue(head + completion.replacement());
                    query.focus();
                    suggest(query.getValue());
                }));
            }
        }
        // Focus and value events often ask for the same suggestions twice; rebuilding the chips then would swap them
        // under a click that is on its way, and the click would be lost.
        List<String> keys = next.stream().map(n -> n.className() + "|" + n.label()).toList();
        if (keys.equals(shownKeys)) {
            return;
        }
        shownKeys = keys;
        removeAll();
        if (!next.isEmpty() && next.getFirst().className().equals("history-item")) {
            add(new Span("Recent"));
        }
        next.forEach(n -> add(chip(n.label(), n.className(), n.action())));
        setVisible(!next.isEmpty());
    }

    private record Suggestion(String label, String className, Runnable action) {
    }

    record Completion(String label, String replacement) {
    }

    /** Completions of the word being typed: a field name, or a value once the word is {@code field:}. */
    List<Completion> completions(String token) {
        List<Completion> out = new ArrayList<>();
        int colon = token.indexOf(':');
        if (colon > 0) {
            String field = token.substring(0, colon);
            String prefix = unquote(token.substring(colon + 1)).toLowerCase(Locale.ROOT);
            for (String value : fieldValues.getOrDefault(field, List.of())) {
                if (value.toLowerCase(Locale.ROOT).startsWith(prefix) && !token.equals(field + ":" + quote(value))) {
                    out.add(new Completion(field + ":" + value, field + ":" + quote(value) + " "));
                }
            }
        } else if (!token.isEmpty()) {
            String prefix = token.toLowerCase(Locale.ROOT);
            for (String name : fieldNames) {
                if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    out.add(new Completion(name + ":", name + ":"));
                }
            }
        }
        return out.stream().limit(MAX_SUGGESTIONS).toList();
    }

    /** The word at the end of the text: after the last space or opening parenthesis. */
    static String lastToken(String text) {
        int cut = Math.max(text.lastIndexOf(' '), text.lastIndexOf('('));
        return text.substring(cut + 1);
    }

    private static String quote(String value) {
        return value.matches("[A-Za-z0-9._-]+") ? value
                : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String unquote(String value) {
        return value.startsWith("\"") ? value.substring(1) : value;
    }

    private Button chip(String label, String className, Runnable action) {
        Button chip = new Button(label, e -> action.run());
        chip.addClassName(className);
        chip.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_CONTRAST);
        return chip;
    }
}
