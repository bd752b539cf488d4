package dev.periscope.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.servlet.http.HttpServletResponse;

/** Shown when a view fails to open: a friendly message and a reference, never a stack trace. */
@AnonymousAllowed
class InternalErrorView extends Div implements HasErrorParameter<Exception> {

    private final Paragraph reference = new Paragraph();

    InternalErrorView() {
        addClassName("page");
        addClassName("error-page");
        reference.setId("error-reference");
        add(new H2("Something went wrong"),
                new Paragraph("Periscope could not show this page. Nothing was changed; try again in a moment."),
                reference, new Anchor("", "Back to the overview"));
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<Exception> parameter) {
        reference.setText("If it keeps happening, quote this reference: " + ErrorReference.log(parameter.getCaughtException()));
        return HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
    }
}
