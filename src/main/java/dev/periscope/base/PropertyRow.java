package dev.periscope.base;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;

/** A label and its value on one line, as the detail panels show facts: styled by {@code .property-row}. */
public final class PropertyRow {

    private PropertyRow() {
    }

    public static Div of(String label, String value) {
        return of(label, value, "property-row");
    }

    /** The same with the row styled by another class ({@code .fact} in a problem's header). */
    public static Div of(String label, String value, String rowClass) {
        Span l = new Span(label);
        l.addClassName("label");
        Span v = new Span(value);
        v.addClassName("value");
        Div row = new Div(l, v);
        row.addClassName(rowClass);
        return row;
    }
}
