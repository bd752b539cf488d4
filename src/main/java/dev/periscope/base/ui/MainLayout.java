package dev.periscope.base.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.periscope.base.ColorSchemePreferences;
import dev.periscope.base.ColorSchemePreferences.Scheme;
import dev.periscope.base.EnvironmentProperties;
import dev.periscope.base.HeaderNotice;
import java.util.List;
import dev.periscope.security.CurrentUser;
import jakarta.annotation.security.PermitAll;

/**
 * The shell around every signed-in view: the environment banner, the navigation the user's roles allow, the user
 * menu and the light/dark switch.
 */
@Layout
@PermitAll
class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final EnvironmentProperties environment;
    private final ColorSchemePreferences preferences;
    private final CurrentUser user;
    private Scheme scheme = Scheme.LIGHT;
    private final Button schemeToggle = new Button();

    MainLayout(EnvironmentProperties environment, ColorSchemePreferences preferences,
            AuthenticationContext authentication, List<HeaderNotice> notices) {
        this.environment = environment;
        this.preferences = preferences;
        this.user = CurrentUser.get().orElseThrow();
        setPrimarySection(Section.NAVBAR);

        Div banner = new EnvironmentBanner(environment);
        Span brand = new Span("Periscope");
        brand.addClassName("brand");
        Div spacer = new Div();
        spacer.addClassName("navbar-spacer");

        schemeToggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        schemeToggle.setId("color-scheme-toggle");
        schemeToggle.addClickListener(e -> applyScheme(scheme == Scheme.DARK ? Scheme.LIGHT : Scheme.DARK, true));

        Div navbar = new Div(new DrawerToggle(), brand, spacer, schemeToggle, userMenu(authentication));
        navbar.addClassName("navbar-row");
        Div header = new Div(banner);
        notices.forEach(notice -> notice.create().ifPresent(header::add));
        header.add(navbar);
        header.addClassName("app-header");
        addToNavbar(true, header);
        addToDrawer(navigation());
    }

    private SideNav navigation() {
        SideNav nav = new SideNav();
        nav.setId("main-navigation");
        // Menu entries come filtered by the views' access annotations, so users see only what they may open.
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(entry.title(), entry.path());
            item.setMatchNested(true);
            if (entry.icon() != null) {
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            nav.addItem(item);
        }
        return nav;
    }

    private Component userMenu(AuthenticationContext authentication) {
        MenuBar menu = new MenuBar();
        menu.setId("user-menu");
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        Avatar avatar = new Avatar(user.displayName());
        avatar.addThemeVariants(com.vaadin.flow.component.avatar.AvatarVariant.LUMO_XSMALL);
        Span name = new Span(user.displayName());
        name.addClassName("user-name");
        MenuItem root = menu.addItem(new Div(avatar, name));
        SubMenu sub = root.getSubMenu();
        MenuItem roles = sub.addItem("Roles: " + (user.roles().isEmpty() ? "none" : String.join(", ", user.roles())));
        roles.setEnabled(false);
        roles.setId("user-roles");
        MenuItem signOut = sub.addItem("Sign out", e -> authentication.logout());
        signOut.setId("sign-out");
        return menu;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        applyScheme(preferences.get(user.id()).orElse(Scheme.LIGHT), false);
    }

    private void applyScheme(Scheme chosen, boolean remember) {
        scheme = chosen;
        UI.getCurrent().getPage().setColorScheme(chosen == Scheme.DARK ? ColorScheme.Value.DARK : ColorScheme.Value.LIGHT);
        schemeToggle.setIcon(new Icon(chosen == Scheme.DARK ? VaadinIcon.SUN_O : VaadinIcon.MOON_O));
        schemeToggle.setAriaLabel(chosen == Scheme.DARK ? "Switch to light mode" : "Switch to dark mode");
        schemeToggle.setTooltipText(chosen == Scheme.DARK ? "Light mode" : "Dark mode");
        schemeToggle.getElement().setAttribute("data-scheme", chosen.name().toLowerCase(java.util.Locale.ROOT));
        if (remember) {
            preferences.set(user.id(), chosen);
        }
    }

    /** Every page title names the environment: {@code [PROD] Logs · Periscope}. */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        HasElement target = event.getActiveChain().isEmpty() ? null : event.getActiveChain().getFirst();
        String title = "Periscope";
        if (target instanceof HasDynamicTitle dynamic) {
            title = dynamic.getPageTitle();
        } else if (target != null && target.getClass().isAnnotationPresent(PageTitle.class)) {
            title = target.getClass().getAnnotation(PageTitle.class).value();
        }
        String full = environment.pageTitle(title);
        // Vaadin writes the plain @PageTitle after navigation listeners run; set ours just before the response.
        UI ui = UI.getCurrent();
        ui.beforeClientResponse(ui, context -> ui.getPage().setTitle(full));
    }
}
