package dev.periscope.logs.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.periscope.base.PropertyRow;
import dev.periscope.base.TimeFormats;
import dev.periscope.logs.MaskedLogEvent;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * The drawer with every (masked) field of one event, copy as JSON, the way to its surrounding events, and a filter
 * for or against each searchable value, as the field sidebar offers for its top values.
 */
class EventDetails extends Div {

    /** Adds {@code field:"value"} (or its negation) to the query and searches again. */
    interface Filter {
        void add(String field, String value, boolean exclude);

        /** The "+" and "−" buttons that filter for or against {@code field:"value"}, labelled with {@code name}. */
        default Button[] buttons(String name, String field, String value) {
            Button in = new Button(VaadinIcon.PLUS.create(), e -> add(field, value, false));
            in.setAriaLabel("Only " + name + " " + value);
            in.addClassName("filter-in");
            Button out = new Button(VaadinIcon.MINUS.create(), e -> add(field, value, true));
            out.setAriaLabel("Without " + name + " " + value);
            out.addClassName("filter-out");
            for (Button b : new Button[] {in, out}) {
                b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
            }
            return new Button[] {in, out};
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    EventDetails() {
        setId("event-details");
        addClassName("event-details");
        setVisible(false);
    }

    /**
     * @param searchable the name a query uses for a field, empty when no query can ask for it (a key masked with a
     *     token in it, a field outside the allow-list)
     */
    void show(MaskedLogEvent event, ZoneId zone, Consumer<MaskedLogEvent> context, Runnable close,
            Function<String, Optional<String>> searchable, Filter filter) {
        removeAll();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", event.id());
        json.put("timestamp", event.timestamp().toString());
        json.put("service", event.service());
        json.put("level", event.level());
        json.put("message", event.message().text());
        Map<String, String> fields = new LinkedHashMap<>();
        event.fields().asMap().forEach((k, v) -> fields.put(k, v.text()));
        json.put("fields", fields);
        String asJson = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);

        Button copy = new Button("Copy as JSON", e -> getElement().executeJs(
                "navigator.clipboard && navigator.clipboard.writeText($0)", asJson));
        copy.setId("copy-json");
        Button surrounding = new Button("Surrounding events", e -> context.accept(event));
        surrounding.setId("show-context");
        Button hide = new Button("Close", e -> close.run());
        for (Button b : new Button[] {copy, surrounding, hide}) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        add(new H4(event.service() + " · " + event.level()),
                new Span(TimeFormats.dateTimeMillisWithZone(event.timestamp(), zone)),
                new HorizontalLayout(copy, surrounding, hide));
        Pre message = new Pre(event.message().text());
        message.addClassName("event-message");
        add(message);
        add(row("service", event.service(), Optional.of("service"), filter));
        add(row("level", event.level(), Optional.of("level"), filter));
        event.fields().asMap().forEach((k, v) -> add(row(k, v.text(),
                // A value masked without a token ("[REDACTED:card]") finds nothing: no filter for it.
                v.searchable() ? searchable.apply(k) : Optional.empty(), filter)));
        Div source = new Div(new Span("source " + event.source() + (event.line() > 0 ? ":" + event.line() : "")
                + (event.unparsed() ? " · not parsed" : "")));
        source.addClassName("event-source");
        add(source);
        setVisible(true);
    }

    private static Div row(String name, String text, Optional<String> queryField, Filter filter) {
        Div row = PropertyRow.of(name, text);
        queryField.ifPresent(field -> row.add(filter.buttons(name, field, text)));
        return row;
    }
}
