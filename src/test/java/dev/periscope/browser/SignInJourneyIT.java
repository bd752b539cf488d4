package dev.periscope.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(BrowserExtension.class)
class SignInJourneyIT {

    @ParameterizedTest(name = "{0} sees the banner and the navigation for their role")
    @CsvSource(delimiter = '|', textBlock = """
            developer | Overview,Logs,Problems,Metrics,Dashboards,Alerts,Access
            oncall    | Overview,Logs,Problems,Metrics,Dashboards,Alerts,Access
            auditor   | Overview,Access,Audit
            approver  | Overview,Access,Approvals
            admin     | Overview,Access,System,Ingest
            """)
    void each_demo_user_sees_the_banner_and_exactly_the_navigation_for_their_role(String user, String navigation,
            Page page, RunningPortal portal) {
        Journeys.signIn(page, portal, user, user);
        Journeys.awaitShell(page);

        assertThat(page.locator("#environment-banner")).containsText("DEMO");
        assertThat(page.locator("#environment-banner")).containsText("read-only");
        Locator items = page.locator("#main-navigation vaadin-side-nav-item");
        String[] expected = navigation.split(",");
        assertThat(items).hasCount(expected.length);
        assertThat(items).containsText(expected);
        assertThat(page.locator("#user-menu")).containsText(user);
        assertThat(page).hasTitle("[DEMO] Overview · Periscope");
    }

    @Test
    void pages_forbid_framing_and_are_never_cached(Page page, RunningPortal portal) {
        Response response = page.navigate(portal.url("/login"));

        assertThat(response.headerValue("content-security-policy")).contains("frame-ancestors 'none'");
        assertThat(response.headerValue("x-frame-options")).isEqualTo("DENY");
        assertThat(response.headerValue("cache-control")).contains("no-store");
    }

    @Test
    void a_wrong_password_is_refused_with_a_message(Page page, RunningPortal portal) {
        Journeys.signIn(page, portal, "developer", "not-the-password");

        assertThat(page).hasURL(Pattern.compile(".*/login\\?error.*"));
        assertThat(page.locator("vaadin-login-form")).containsText("The user name or password is wrong");
        assertThat(page.locator("#environment-banner")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(java.nio.file.Path.of("target", "browser-screens", "sign-in-failed.png")));
    }

    @Test
    void signing_out_ends_the_session(Page page, RunningPortal portal) {
        Journeys.signIn(page, portal, "oncall", "oncall");
        Journeys.awaitShell(page);

        page.locator("#user-menu vaadin-menu-bar-button", new Page.LocatorOptions().setHasText("oncall")).click();
        page.locator("vaadin-menu-bar-item", new Page.LocatorOptions().setHasText("Sign out")).click();

        assertThat(page.locator("#signed-out")).isVisible();
        page.navigate(portal.url("/"));
        assertThat(page).hasURL(Pattern.compile(".*/login$"));
    }

    @Test
    void an_unauthenticated_deep_link_goes_to_login_and_back(Page page, RunningPortal portal) {
        page.navigate(portal.url("/system"));
        assertThat(page).hasURL(Pattern.compile(".*/login$"));

        Journeys.fillLoginForm(page, "admin", "admin");

        // Spring Security's saved request comes back with a "continue" marker.
        assertThat(page).hasURL(Pattern.compile(".*/system(\\?continue)?$"));
        assertThat(page).hasTitle("[DEMO] System · Periscope");
        assertThat(page.locator(".property-row").first()).containsText("Version");
    }

    @Test
    void a_page_outside_the_role_looks_like_a_missing_page(Page page, RunningPortal portal) {
        Journeys.signIn(page, portal, "developer", "developer");
        Journeys.awaitShell(page);

        page.navigate(portal.url("/system"));

        assertThat(page.getByText("Page not found")).isVisible();
        assertThat(page.locator(".property-row")).hasCount(0);
        assertThat(page).hasTitle("[DEMO] Page not found · Periscope");
        assertThat(page.locator("#environment-banner")).isVisible();

        // A path no view owns, refused by the security filters: the same page, never Spring's fallback.
        page.navigate(portal.url("/no-such-place"));
        assertThat(page.getByText("Page not found")).isVisible();
        assertThat(page).hasTitle("[DEMO] Page not found · Periscope");
        assertThat(page.locator("#environment-banner")).isVisible();
        assertThat(page.getByText("Whitelabel")).hasCount(0);
    }

    @Test
    void the_colour_scheme_is_remembered_across_sign_ins(Page page, RunningPortal portal) {
        Journeys.signIn(page, portal, "approver", "approver");
        Journeys.awaitShell(page);
        assertThat(page.locator("html")).not().hasAttribute("theme", "dark");

        page.locator("#color-scheme-toggle").click();
        assertThat(page.locator("html")).hasAttribute("theme", "dark");
        assertThat(page.locator("#environment-banner")).isVisible();

        page.context().clearCookies();
        Journeys.signIn(page, portal, "approver", "approver");
        Journeys.awaitShell(page);
        assertThat(page.locator("html")).hasAttribute("theme", "dark");
        page.locator("#color-scheme-toggle").click();
        assertThat(page.locator("html")).not().hasAttribute("theme", "dark");
    }
}
