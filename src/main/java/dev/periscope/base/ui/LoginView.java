package dev.periscope.base.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.periscope.base.EnvironmentProperties;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/** The sign-in page of the demo profile's form login. With OIDC, the IdP's page replaces it. */
@Route(value = "login", autoLayout = false)
@AnonymousAllowed
class LoginView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private final EnvironmentProperties environment;
    private final LoginForm form = new LoginForm();

    LoginView(EnvironmentProperties environment, Environment spring) {
        this.environment = environment;
        addClassName("login-view");
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getErrorMessage().setTitle("Sign-in failed");
        i18n.getErrorMessage().setMessage("The user name or password is wrong. Check them and try again.");
        form.setI18n(i18n);

        Div card = new Div(new H1("Periscope"),
                new Paragraph("Read-only access to production logs, metrics and stack traces. "
                        + "Every value is masked and every query is audited."),
                form);
        card.addClassName("login-card");
        if (spring.acceptsProfiles(Profiles.of("demo"))) {
            Paragraph hint = new Paragraph(
                    "Demo users (password = name): developer, oncall, auditor, approver, approver2, admin.");
            hint.addClassName("demo-hint");
            hint.setId("demo-hint");
            card.add(hint);
        }
        add(new EnvironmentBanner(environment), card);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var params = event.getLocation().getQueryParameters().getParameters();
        form.setError(params.containsKey("error"));
        if (params.containsKey("logout")) {
            Paragraph bye = new Paragraph("You have signed out.");
            bye.setId("signed-out");
            bye.addClassName("signed-out");
            getChildren().filter(c -> c.hasClassName("login-card")).findFirst()
                    .ifPresent(card -> ((Div) card).addComponentAtIndex(1, bye));
        }
    }

    @Override
    public String getPageTitle() {
        return environment.pageTitle("Sign in");
    }
}
