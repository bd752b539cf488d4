package dev.periscope.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Steps several journeys share. Each waits on the state it expects, never on time. */
final class Journeys {

    private Journeys() {
    }

    static void signIn(Page page, RunningPortal portal, String user, String password) {
        page.navigate(portal.url("/login"));
        fillLoginForm(page, user, password);
    }

    static void fillLoginForm(Page page, String user, String password) {
        page.locator("input[name=username]").fill(user);
        page.locator("input[name=password]").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    }

    static void awaitShell(Page page) {
        assertThat(page.locator("#environment-banner")).isVisible();
        assertThat(page.locator("#main-navigation vaadin-side-nav-item").first()).isVisible();
    }
}
