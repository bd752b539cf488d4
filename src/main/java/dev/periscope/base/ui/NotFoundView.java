package dev.periscope.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.periscope.base.EnvironmentProperties;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Shown for unknown pages and for pages the user may not open: the two look the same, so the portal does not
 * reveal which pages exist.
 */
@AnonymousAllowed
class NotFoundView extends Div implements HasDynamicTitle, HasErrorParameter<NotFoundException> {

    private final EnvironmentProperties environment;

    /** Outside the main layout (it needs a signed-in user), so the page brings its own banner and title. */
    NotFoundView(EnvironmentProperties environment) {
        this.environment = environment;
        add(new EnvironmentBanner(environment));
        addClassName("page");
        addClassName("error-page");
        setId("not-found");
        add(new H2("Page not found"),
                new Paragraph("This page does not exist, or your role does not include it."),
                new Anchor("", "Back to the overview"));
    }

    @Override
    public String getPageTitle() {
        return environment.pageTitle("Page not found");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
