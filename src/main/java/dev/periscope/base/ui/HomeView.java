package dev.periscope.base.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.periscope.base.EnvironmentProperties;
import dev.periscope.security.CurrentUser;
import jakarta.annotation.security.PermitAll;

/** The landing page: who you are, where you are, and the rules of the place. */
@Route("")
@PageTitle("Overview")
@Menu(order = 0, icon = "vaadin:home", title = "Overview")
@PermitAll
class HomeView extends Div {

    HomeView(EnvironmentProperties environment) {
        addClassName("page");
        CurrentUser user = CurrentUser.get().orElseThrow();
        H2 welcome = new H2("Welcome, " + user.displayName());
        welcome.setId("welcome");
        Paragraph where = new Paragraph("You are looking at the " + environment.name()
                + " environment, read-only. Your roles: "
                + (user.roles().isEmpty() ? "none" : String.join(", ", user.roles())) + ".");
        UnorderedList rules = new UnorderedList(
                new ListItem("Confidential values (emails, card numbers, tokens, keys) are masked before they reach you."
                        + " The same value always gets the same token, so you can follow it without seeing it."),
                new ListItem("Every query you run is written to a tamper-evident audit trail."),
                new ListItem("You see the services your role allows. More access is requested, approved by someone else,"
                        + " and expires on its own."));
        add(welcome, where, rules);
    }
}
