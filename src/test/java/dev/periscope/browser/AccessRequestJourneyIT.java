package dev.periscope.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        assertThat(mine).containsText("Pending 0/1");
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
        // No journey breaks glass on the shared portal: the list says it is empty rather than showing nothing.
        assertThat(page.locator("#emergency-review")).containsText("No emergency access to review");
        signOut(page);

        Journeys.signIn(page, portal, "developer", "developer");
        Journeys.awaitShell(page);
        assertThat(page.locator("#elevated-access")).containsText("ELEVATED ACCESS: network unmasked on checkout");
        assertThat(page.locator("#elevated-access")).containsText("expires in");

        // The banner and the Access page, drawn in one request, state the time left in the same words.
        page.navigate(portal.url("/access"));
        Matcher left = Pattern.compile("network unmasked on checkout, expires in ([^·]+?)(?: ·|$)")
                .matcher(page.locator("#elevated-access").textContent().strip());
        org.assertj.core.api.Assertions.assertThat(left.find()).as("the banner's time left").isTrue();
        org.assertj.core.api.Assertions.assertThat(left.group(1)).matches("\\d+ h( [1-9]\\d? min)?|\\d+ min");
        assertThat(page.locator("#scope-summary")).containsText("for " + left.group(1) + " more");
    }

    @Test
    void the_break_glass_dialog_gives_its_fields_the_dialogs_width(Page page, RunningPortal portal) {
        Journeys.signIn(page, portal, "oncall", "oncall");
        Journeys.awaitShell(page);
        page.navigate(portal.url("/access"));

        page.locator("#break-glass").click();
        assertThat(page.locator("#request-ticket")).isVisible();

        // Read in one go, as the dialog may still be growing into place: each field against the full-width note.
        List<String> fields = List.of("#request-services", "#request-reason", "#request-ticket", "#request-duration");
        @SuppressWarnings("unchecked")
        List<Number> shares = (List<Number>) page.evaluate("""
                fields => {
                  const width = s => document.querySelector(s).getBoundingClientRect().width;
                  const note = width('#breakglass-scope-note');
                  return fields.map(f => width(f) / note);
                }""", fields);
        for (int i = 0; i < fields.size(); i++) {
            org.assertj.core.api.Assertions.assertThat(shares.get(i).doubleValue()).as(fields.get(i))
                    .isCloseTo(1.0, org.assertj.core.api.Assertions.within(0.01));
        }
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Cancel")).click();
        assertThat(page.locator("#breakglass-scope-note")).not().isVisible();
    }

    @Test
    void a_developer_reveals_a_granted_token_and_the_reveal_is_in_the_audit_trail(Page page, RunningPortal portal) {
        portal.awaitDemoData();
        String body = portal.apiGet("/api/v1/logs/search?q=service:checkout&from=now-24h&limit=200", "developer").body();
        java.util.regex.Matcher found = java.util.regex.Pattern.compile("‹email:[^›]+›").matcher(body);
        org.assertj.core.api.Assertions.assertThat(found.find()).as("a tokenized email in checkout's logs").isTrue();
        String token = found.group();

        Journeys.signIn(page, portal, "developer", "developer");
        Journeys.awaitShell(page);
        page.navigate(portal.url("/access"));
        page.locator("#request-access").click();
        page.getByText("Reveal specific tokens").click();
        page.locator("#request-services input").fill("checkout");
        page.getByLabel("Tokens to reveal").fill(token);
        page.locator("#request-reason textarea").fill("which customer's orders fail for INC-91");
        page.locator("#request-ticket input").fill("INC-91");
        page.locator("#request-submit").click();
        assertThat(page.locator("#my-requests")).containsText("reveal 1 token(s) on checkout");
        signOut(page);

        Journeys.signIn(page, portal, "approver", "approver");
        Journeys.awaitShell(page);
        page.navigate(portal.url("/access/approvals"));
        Locator pending = page.locator("#pending-requests");
        pending.locator("vaadin-grid-cell-content", new Locator.LocatorOptions().setHasText("INC-91")).first().waitFor();
        pending.locator("vaadin-button", new Locator.LocatorOptions().setHasText("Approve")).first().click();
        page.locator("#decision-comment textarea").fill("ok, one customer");
        page.locator("#decision-confirm").click();
        assertThat(page.locator("#grants-to-revoke")).containsText("INC-91");
        signOut(page);

        Journeys.signIn(page, portal, "developer", "developer");
        Journeys.awaitShell(page);
        page.navigate(portal.url("/access"));
        page.locator("#my-requests vaadin-grid-cell-content a", new Page.LocatorOptions().setHasText("Open")).first().click();
        Locator section = page.locator("#reveal-section");
        assertThat(section).containsText(token);
        section.locator("vaadin-button", new Locator.LocatorOptions().setHasText("Reveal")).click();
        assertThat(section.locator(".revealed-value")).containsText("@");
        signOut(page);

        Journeys.signIn(page, portal, "auditor", "auditor");
        Journeys.awaitShell(page);
        page.navigate(portal.url("/audit"));
        page.locator("#filter-action input").fill("tokens.reveal");
        Locator reveal = page.locator("#audit-events vaadin-grid-cell-content",
                new Page.LocatorOptions().setHasText("tokens.reveal")).first();
        assertThat(reveal).isVisible();
        reveal.click();
        assertThat(page.locator("#audit-event-fields")).containsText(token);
        assertThat(page.locator("#audit-event-fields")).not().containsText("@");
    }

    @Test
    void requests_without_a_reason_are_refused_with_a_message(Page page, RunningPortal portal) {
        Journeys.signIn(page, portal, "oncall", "oncall");
        Journeys.awaitShell(page);
        page.navigate(portal.url("/access"));

        // No journey makes a request as oncall: the list says so rather than showing nothing.
        assertThat(page.locator("#my-requests")).containsText("No requests");
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
