package dev.periscope.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Problems over the demo traffic: the list, one group with its exception chain, and its events in Logs. */
@ExtendWith(BrowserExtension.class)
class ProblemsJourneyIT {

    private static final Pattern RAW_EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[a-z]{2,}");

    /** Opens the list, reloading while the backfill is still being ingested. */
    private static void openProblems(Page page, RunningPortal portal, String query, String expected) {
        portal.awaitDemoData();
        Journeys.signIn(page, portal, "oncall", "oncall");
        Journeys.awaitShell(page);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (true) {
            page.navigate(portal.url("/problems?" + query));
            // A list is several audited reads per group, and the backfill is still being ingested: allow for it.
            assertThat(page.locator("#problems-summary")).containsText("problems",
                    new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            if (page.locator("#problems").textContent().contains(expected) || Instant.now().isAfter(deadline)) {
                return;
            }
            page.waitForTimeout(2_000);
        }
    }

    @Test
    void a_problem_leads_from_the_list_to_its_exception_chain_and_on_to_its_log_context(Page page,
                                                                                         RunningPortal portal) {
        openProblems(page, portal, "from=now-24h&to=now", "IllegalStateException");

        Journeys.assertPlaceholderFits(page.locator("#problem-filter"));
        Locator rows = page.locator("#problems .problem-cell");
        assertThat(rows.first()).isVisible();
        assertThat(page.locator("#problems svg.sparkline").first()).isAttached();
        assertThat(page.locator("#problems")).containsText("checkout");
        String listed = page.locator("#problems").textContent();
        assertThat(RAW_EMAIL.matcher(listed).find()).as("no raw email in the list").isFalse();

        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(java.nio.file.Path.of("target", "browser-screens", "problems-list.png")));
        Locator cart = rows.filter(new Locator.FilterOptions().setHasText("IllegalStateException")).first();
        String fingerprint = cart.getAttribute("data-fingerprint");
        cart.locator("a.problem-title").click();

        assertThat(page).hasURL(Pattern.compile(".*/problems/" + fingerprint + "\\?from=now-24h&to=now"),
                new com.microsoft.playwright.assertions.PageAssertions.HasURLOptions().setTimeout(30_000));
        assertThat(page.locator("#problem-title")).containsText("is already checked out",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        assertThat(page.locator("#exception-chain .frame.in-app").first())
                .hasCSS("font-family", Pattern.compile(".*mono.*", Pattern.CASE_INSENSITIVE));
        assertThat(page.locator("#exception-chain .frame.in-app").first()).containsText("Cart.checkout");
        Locator folded = page.locator("#exception-chain .library-frames").first();
        assertThat(folded).isVisible();
        assertThat(folded.locator(".frame").first()).not().isVisible();
        folded.locator("summary").click();
        assertThat(folded.locator(".frame").first()).isVisible();
        assertThat(page.locator("#problem-occurrences svg rect").first()).isAttached();
        String shown = page.locator("#problem").textContent();
        assertThat(RAW_EMAIL.matcher(shown).find()).as("no raw email in the group").isFalse();
        assertThat(shown).contains("‹email:");

        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(java.nio.file.Path.of("target", "browser-screens", "problem-group.png")));
        page.locator("#problem-samples .context-link").first().click();

        // The URL changes once the server has answered the navigation, after the Logs view's first search.
        assertThat(page).hasURL(Pattern.compile(".*/logs\\?q=problem\\.fingerprint.*event=[0-9a-f]{16}.*"),
                new com.microsoft.playwright.assertions.PageAssertions.HasURLOptions().setTimeout(30_000));
        assertThat(page.locator("#event-details")).isVisible();
        page.locator("#show-context").click();
        assertThat(page.locator("#context-grid")).containsText(Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}"));
    }

    @Test
    void a_problem_that_started_recently_is_marked_new(Page page, RunningPortal portal) {
        openProblems(page, portal, "from=now-4h&to=now&sort=newest", "ArrayIndexOutOfBoundsException");

        Locator fresh = page.locator("#problems .problem-cell")
                .filter(new Locator.FilterOptions().setHasText("ArrayIndexOutOfBoundsException"));
        assertThat(fresh.locator(".marker")).hasText("new");
        assertThat(page.locator("#problem-sort")).containsText("Newest");
    }
}
