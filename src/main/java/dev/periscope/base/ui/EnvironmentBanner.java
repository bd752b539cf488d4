package dev.periscope.base.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import dev.periscope.base.EnvironmentProperties;
import java.util.Locale;

/**
 * The permanent strip that names the environment and says "read-only". Its colours are fixed, not themed, so it
 * looks the same in light and dark mode.
 */
class EnvironmentBanner extends Div {

    EnvironmentBanner(EnvironmentProperties environment) {
        addClassName("environment-banner");
        setId("environment-banner");
        getStyle().set("background-color", environment.color());
        getElement().setAttribute("role", "banner");
        getElement().setAttribute("aria-label", "Environment: " + environment.name() + ", read-only");
        Span name = new Span(environment.name().toUpperCase(Locale.ROOT));
        name.addClassName("environment-name");
        Span mode = new Span("read-only");
        mode.addClassName("environment-mode");
        add(name, mode);
    }
}
