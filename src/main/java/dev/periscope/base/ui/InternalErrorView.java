package dev.periscope.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.periscope.base.EnvironmentProperties;
import jakarta.servlet.http.HttpServletResponse;

/** Shown when a view fails to open: a friendly message and a reference, never a stack trace. */
@AnonymousAllowed
class InternalErrorView extends Div implements HasDynamicTitle, HasErrorParameter<Exception> {

    private final Paragraph reference = new Paragraph();

    private final EnvironmentProperties environment;

    /** Outside the main layout (it needs a signed-in user), so the page brings its own banner and title. */
    InternalErrorView(EnvironmentProperties environment) {
        this.environment = environment;
        add(new EnvironmentBanner(environment));
        addClassName("page");
        addClassName("error-page");
        reference.setId("error-reference");
        add(new H2("Something went wrong"),
                new Paragraph("Periscope could not show this page. Nothing was changed; try again in a moment."),
                reference, new Anchor("", "Back to the overview"));
    }

    @Override
    public String getPageTitle() {
        return environment.pageTitle("Something went wrong");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        reference.setText("If it keeps happening, quote this reference: " + ErrorReference.log(parameter.getCaughtException()));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
