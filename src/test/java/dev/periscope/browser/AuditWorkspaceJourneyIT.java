package dev.periscope.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BrowserExtension.class)
class AuditWorkspaceJourneyIT {

    @Test
    void at_1280_pixels_the_result_counts_and_the_query_filters_hint_are_shown_whole(Page page, RunningPortal portal)
            throws Exception {
        searchAsOncallAndDeveloper(portal);
        // A probe refusal puts the widest decision badge in the grid.
        org.assertj.core.api.Assertions.assertThat(portal.apiGet(
                "/api/v1/logs/search?q=alice.probe%40example.com&from=now-1h", "developer").statusCode())
                .isEqualTo(403);

        Journeys.signIn(page, portal, "auditor", "auditor");
        Journeys.awaitShell(page);
        page.navigate(portal.url("/audit"));
        Locator events = page.locator("#audit-events");
        // Decisions read in words; the badge keeps the recorded name the exports carry.
        assertThat(events.locator("[data-decision=PROBE_REFUSED]").first()).hasText("Probe refused");
        assertThat(events.locator("[data-decision]", new Locator.LocatorOptions().setHasText("_"))).hasCount(0);

        Journeys.assertShownWhole(events.locator("vaadin-grid-cell-content",
                new Locator.LocatorOptions().setHasText(Pattern.compile("^Results$"))), events);
        Journeys.assertPlaceholderFits(page.locator("#filter-text"));
    }

    @Test
    void an_auditor_sees_in_words_that_no_break_glass_access_was_taken(Page page, RunningPortal portal) {
        Journeys.signIn(page, portal, "auditor", "auditor");
        Journeys.awaitShell(page);
        page.navigate(portal.url("/audit"));

        page.locator("#grant-scope").getByText("Break glass").click();

        // No journey breaks glass on the shared portal.
        assertThat(page.locator("#grant-history")).containsText("No break-glass access");
    }

    @Test
    void an_auditor_finds_an_oncall_search_opens_it_and_verifies_the_chain(Page page, RunningPortal portal)
            throws Exception {
        searchAsOncallAndDeveloper(portal);

        Journeys.signIn(page, portal, "auditor", "auditor");
        Journeys.awaitShell(page);
        page.locator("#main-navigation vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Audit")).click();
        assertThat(page).hasTitle("[DEMO] Audit · Periscope");
        Locator events = page.locator("#audit-events");
        assertThat(events).containsText("logs.search");

        page.locator("#filter-user input").fill("oncall");
        // Hidden rows keep their old cells: only the visible ones show the filter's result.
        assertThat(page.locator("#audit-events .audit-user:visible",
                new Page.LocatorOptions().setHasNotText("oncall"))).hasCount(0);
        Locator oncallSearch = events.locator("vaadin-grid-cell-content",
                new Locator.LocatorOptions().setHasText("logs.search")).first();
        assertThat(oncallSearch).isVisible();

        oncallSearch.click();
        Locator fields = page.locator("#audit-event-fields");
        assertThat(fields).containsText("oncall");
        assertThat(fields).containsText("level:ERROR");
        assertThat(fields).containsText("Masking rules fired");
        assertThat(fields).containsText("Grant");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close")).click();
        assertThat(fields).not().isVisible();

        page.locator("#verify-now").click();
        assertThat(page.locator("#verification-result")).containsText("intact");
    }

    @Test
    void an_auditor_opens_a_users_timeline_and_exports_a_filtered_set_that_is_itself_audited(Page page,
            RunningPortal portal) throws Exception {
        searchAsOncallAndDeveloper(portal);
        Journeys.signIn(page, portal, "auditor", "auditor");
        Journeys.awaitShell(page);
        page.navigate(portal.url("/audit"));
        assertThat(page.locator("#audit-hits")).isVisible();
        page.locator("#audit-events .audit-user", new Page.LocatorOptions().setHasText("oncall")).first().click();
        assertThat(page.locator("#filter-user input")).hasValue("oncall");
        assertThat(page.locator("#oldest-first input")).isChecked();
        page.locator("#filter-user input").fill("");

        Download download = page.waitForDownload(() -> page.locator("#export-csv").click());

        String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\"id\",\"seq\",\"time\"");
        assertThat(download.suggestedFilename()).endsWith(".csv");
        page.locator("#filter-action input").fill("audit.export");
        assertThat(page.locator("#audit-events .audit-user:visible",
                new Page.LocatorOptions().setHasNotText("auditor"))).hasCount(0);
        assertThat(page.locator("#audit-events .audit-user:visible").first()).hasText("auditor");

        page.locator("#risk-filter").getByText("Probe refusals").click();
        assertThat(page.locator("#filter-action input")).hasValue("");
        assertThat(page.locator("#filter-decision input")).hasValue("Probe refused");
    }

    @Test
    void a_developer_cannot_tell_the_audit_page_exists(Page page, RunningPortal portal) {
        Journeys.signIn(page, portal, "developer", "developer");
        Journeys.awaitShell(page);

        page.navigate(portal.url("/audit"));

        assertThat(page.getByText("Page not found")).isVisible();
        assertThat(page.locator("#audit-events")).hasCount(0);
    }

    /**
     * Searches we know of, so the trail holds at least one read by oncall, and one by someone else for the user
     * filter to remove.
     */
    private static void searchAsOncallAndDeveloper(RunningPortal portal) throws Exception {
        portal.awaitDemoData();
        for (String user : new String[] {"developer", "oncall"}) {
            HttpResponse<String> search = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(portal.url("/api/v1/logs/search?q=level:ERROR&from=now-24h")))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(search.statusCode()).isEqualTo(200);
        }
    }
}
