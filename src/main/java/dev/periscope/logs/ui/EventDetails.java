package dev.periscope.logs.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.periscope.base.TimeFormats;
import dev.periscope.logs.MaskedLogEvent;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/** The drawer with every (masked) field of one event, copy as JSON, and the way to its surrounding events. */
class EventDetails extends Div {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    EventDetails() {
        setId("event-details");
        addClassName("event-details");
        setVisible(false);
    }

    void show(MaskedLogEvent event, ZoneId zone, Consumer<MaskedLogEvent> context, Runnable close) {
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
        fields.forEach((k, v) -> {
            Span key = new Span(k);
            key.addClassName("label");
            Span value = new Span(v);
            value.addClassName("value");
            Div row = new Div(key, value);
            row.addClassName("property-row");
            add(row);
        });
        Div source = new Div(new Span("source " + event.source() + (event.line() > 0 ? ":" + event.line() : "")
                + (event.unparsed() ? " · not parsed" : "")));
        source.addClassName("event-source");
        add(source);
        setVisible(true);
    }
}
