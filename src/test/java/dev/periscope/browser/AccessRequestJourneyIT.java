package dev.periscope.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BrowserExtension.class)
class AccessRequestJourneyIT {

    @Test
    void a_developer_requests_access_an_approver_grants_it_and_the_countdown_appears(Page page, RunningPortal portal) {
        Journeys.signIn(page, portal, "developer", "developer");
        Journeys.awaitShell(page);
        page.navigate(portal.url("/access"));
        assertThat(page.locator("#scope-summary")).containsText("except payments");

        page.locator("#request-access").click();
        page.getByText("See a masking category unmasked").click();
        page.locator("#request-services input").fill("checkout");
        page.getByLabel("Masking categories to see unmasked").fill("network");
        page.locator("#request-reason textarea").fill("tracing a misbehaving client for INC-77");
        page.locator("#request-ticket input").fill("INC-77");
        page.locator("#request-submit").click();

        Locator mine = page.locator("#my-requests");
        assertThat(mine).containsText("network unmasked on checkout");
        assertThat(mine).containsText("pending 0/1");
        signOut(page);

        Journeys.signIn(page, portal, "approver", "approver");
        Journeys.awaitShell(page);
        page.navigate(portal.url("/access/approvals"));
        Locator pending = page.locator("#pending-requests");
        assertThat(pending).containsText("INC-77");
        pending.locator("vaadin-button", new Locator.LocatorOptions().setHasText("Approve")).first().click();
        page.locator("#decision-comment textarea").fill("ok for the incident");
        page.locator("#decision-confirm").click();
        assertThat(page.locator("#grants-to-revoke")).containsText("network unmasked on checkout");
        signOut(page);

        Journeys.signIn(page, portal, "developer", "developer");
        Journeys.awaitShell(page);
        assertThat(page.locator("#elevated-access")).containsText("ELEVATED ACCESS: network unmasked on checkout");
        assertThat(page.locator("#elevated-access")).containsText("expires in");
    }

    @Test
    void requests_without_a_reason_are_refused_with_a_message(Page page, RunningPortal portal) {
        Journeys.signIn(page, portal, "oncall", "oncall");
        Journeys.awaitShell(page);
        page.navigate(portal.url("/access"));

        page.locator("#request-access").click();
        page.getByText("Reveal specific tokens").click();
        page.locator("#request-services input").fill("checkout");
        page.locator("#request-submit").click();

        assertThat(page.locator("#request-error")).containsText("reason");
    }

    private static void signOut(Page page) {
        page.locator("#user-menu vaadin-menu-bar-button").first().click();
        page.locator("vaadin-menu-bar-item", new Page.LocatorOptions().setHasText("Sign out")).click();
        assertThat(page.locator("#signed-out")).isVisible();
    }
}
