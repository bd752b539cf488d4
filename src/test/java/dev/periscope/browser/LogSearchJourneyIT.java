package dev.periscope.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Log search in the browser over the demo traffic that the portal generates and ingests itself. */
@ExtendWith(BrowserExtension.class)
class LogSearchJourneyIT {

    private static final Pattern RAW_EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[a-z]{2,}");

    static Locator cells(Page page) {
        return page.locator("#results vaadin-grid-cell-content");
    }

    static Locator errorCell(Page page) {
        return cells(page).filter(new Locator.FilterOptions().setHasText("ERROR")).first();
    }

    static void openLogs(Page page, RunningPortal portal, String user, String query) {
        portal.awaitDemoData();
        Journeys.signIn(page, portal, user, user);
        Journeys.awaitShell(page);
        page.navigate(portal.url("/logs?from=now-24h&to=now&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)));
        // Searches run off the UI thread; on a busy machine the first answer can take a while.
        assertThat(page.locator("#result-summary")).containsText(" events",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
    }

    @Test
    void a_search_shows_masked_results_newest_first_with_a_histogram(Page page, RunningPortal portal) {
        openLogs(page, portal, "developer", "level:ERROR");

        assertThat(page.locator("#result-summary")).not().containsText("0 events");
        assertThat(cells(page).filter(new Locator.FilterOptions().setHasText("ERROR")).first()).isVisible();
        String shown = String.join("\n", cells(page).allTextContents());
        assertThat(shown).contains("ERROR");
        assertThat(RAW_EMAIL.matcher(shown).find()).as("no raw email reaches the browser").isFalse();
        assertThat(page.locator("#histogram .slot").first()).isAttached();
        assertThat(page.locator("#field-sidebar [data-field=service]")).isVisible();
    }

    @Test
    void a_developer_never_sees_the_restricted_payments_service(Page page, RunningPortal portal) {
        openLogs(page, portal, "developer", "service:payments OR service:*");

        assertThat(page.locator("#field-sidebar [data-field=service]")).not().containsText("payments");
        String shown = String.join("\n", cells(page).allTextContents());
        assertThat(shown).doesNotContain("payments");
    }

    @Test
    void dragging_across_the_histogram_zooms_the_time_range(Page page, RunningPortal portal) {
        openLogs(page, portal, "oncall", "");
        Locator from = page.locator("#histogram .slot[data-i='10']");
        Locator to = page.locator("#histogram .slot[data-i='20']");

        from.hover();
        page.mouse().down();
        to.hover();
        page.mouse().up();

        assertThat(page).hasURL(Pattern.compile(".*from=20\\d\\d-.*"));
        assertThat(page.locator("#time-range")).containsText("Custom range");
    }

    @Test
    void an_event_opens_with_all_fields_and_its_surrounding_events(Page page, RunningPortal portal) {
        openLogs(page, portal, "oncall", "level:ERROR");

        errorCell(page).click();
        assertThat(page.locator("#event-details")).isVisible();
        assertThat(page.locator("#event-details")).containsText("source");
        assertThat(page.locator("#event-details .event-message")).isVisible();
        assertThat(page).hasURL(Pattern.compile(".*event=.*"));

        page.locator("#show-context").click();
        assertThat(page.locator("#context-grid")).containsText(Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}"));
    }

    @Test
    void a_deep_link_opens_the_same_event_for_a_colleague_in_a_fresh_session(Page page, RunningPortal portal) {
        openLogs(page, portal, "oncall", "level:ERROR");
        errorCell(page).click();
        assertThat(page).hasURL(Pattern.compile(".*event=.*"));
        String link = page.url();
        String eventId = link.replaceAll(".*event=([^&]+).*", "$1");

        page.context().clearCookies();
        page.navigate(link);
        Journeys.fillLoginForm(page, "developer", "developer");

        assertThat(page).hasURL(Pattern.compile(".*/logs.*"));
        assertThat(page.locator("#query input")).hasValue("level:ERROR");
        assertThat(page).hasURL(Pattern.compile(".*event=" + eventId + ".*|.*/logs\\?.*"));
    }

    @Test
    void the_current_result_downloads_as_masked_csv_and_ndjson(Page page, RunningPortal portal) throws Exception {
        openLogs(page, portal, "developer", "level:ERROR");
        assertThat(errorCell(page)).isVisible();

        Page.WaitForDownloadOptions patiently = new Page.WaitForDownloadOptions().setTimeout(60_000);
        Download csv = page.waitForDownload(patiently, () -> page.locator("#export-csv").click());
        String csvText = java.nio.file.Files.readString(csv.path());
        Download ndjson = page.waitForDownload(patiently, () -> page.locator("#export-ndjson").click());
        String ndjsonText = java.nio.file.Files.readString(ndjson.path());

        assertThat(csv.suggestedFilename()).matches("logs-.*\\.csv");
        assertThat(csvText.lines().findFirst()).contains(
                "\"id\",\"timestamp\",\"service\",\"level\",\"message\",\"fields\",\"source\",\"line\",\"withheld\"");
        assertThat(csvText.lines().count()).isGreaterThan(1);
        assertThat(csvText).contains("\"ERROR\"").doesNotContain("\"INFO\"").doesNotContain("payments");
        assertThat(ndjsonText.lines().findFirst().orElseThrow()).startsWith("{\"id\":").contains("\"level\":\"ERROR\"");
        assertThat(RAW_EMAIL.matcher(csvText + ndjsonText).find()).as("no raw email in an export").isFalse();
    }

    @Test
    void live_tail_streams_new_events_pauses_while_scrolling_and_stops(Page page, RunningPortal portal) {
        openLogs(page, portal, "oncall", "");
        assertThat(cells(page).first()).isVisible();
        Locator status = page.locator("#live-status");

        page.locator("#live-toggle").click();
        assertThat(status).hasAttribute("data-state", "live");
        // The demo traffic writes events every second; they arrive without a click.
        assertThat(status).containsText(Pattern.compile("Live · [1-9]\\d* new"),
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));

        page.locator("#results").evaluate("grid => { grid.$.table.scrollTop = 600; }");
        assertThat(status).hasAttribute("data-state", "paused");
        assertThat(page.locator("#live-resume")).isVisible();

        page.locator("#live-resume").click();
        assertThat(status).hasAttribute("data-state", "live");
        page.locator("#live-toggle").click();
        assertThat(page.locator("#live-toggle")).hasText("Live");
        assertThat(status).isEmpty();
        String shown = String.join("\n", cells(page).allTextContents());
        assertThat(RAW_EMAIL.matcher(shown).find()).as("no raw email in live rows").isFalse();
    }

    @Test
    void the_query_bar_offers_recent_queries_and_completes_field_names(Page page, RunningPortal portal) {
        openLogs(page, portal, "developer", "level:ERROR");
        assertThat(errorCell(page)).isVisible();
        Locator field = page.locator("#query input");

        field.fill("");
        field.blur();
        field.focus();
        assertThat(page.locator("#query-suggestions .history-item")).containsText(new String[] {"level:ERROR"});

        field.pressSequentially("lev");
        page.locator("#query-suggestions .completion", new Page.LocatorOptions().setHasText("level:")).click();
        assertThat(field).hasValue("level:");
        page.locator("#query-suggestions .completion", new Page.LocatorOptions().setHasText("level:ERROR")).click();
        assertThat(field).hasValue("level:ERROR ");
    }

    @Test
    void administrators_see_the_files_ingest_follows_and_the_store_size(Page page, RunningPortal portal) {
        portal.awaitDemoData();
        Journeys.signIn(page, portal, "admin", "admin");
        Journeys.awaitShell(page);

        page.navigate(portal.url("/ingest"));

        assertThat(page.locator("#ingest-summary")).containsText("Events ingested");
        assertThat(page.locator("#ingest-files")).containsText(".log");
        assertThat(page.locator("#store-status")).containsText("Size on disk");
        assertThat(page.locator("#store-status")).containsText("Retention");
    }

    @Test
    void the_rest_api_streams_an_export_and_rejects_an_unknown_format(RunningPortal portal) throws Exception {
        portal.awaitDemoData();
        var export = api(portal, "/api/v1/logs/export?q=level:ERROR&from=now-24h&format=ndjson");
        var unknown = api(portal, "/api/v1/logs/export?q=level:ERROR&from=now-24h&format=xlsx");

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        assertThat(export.body().lines().findFirst().orElseThrow()).contains("\"level\":\"ERROR\"");
        assertThat(RAW_EMAIL.matcher(export.body()).find()).isFalse();
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("format must be csv or ndjson");
    }

    @Test
    void a_syntax_error_is_explained_with_its_position(Page page, RunningPortal portal) {
        Journeys.signIn(page, portal, "developer", "developer");
        Journeys.awaitShell(page);
        page.navigate(portal.url("/logs?q=" + URLEncoder.encode("level:(ERROR", StandardCharsets.UTF_8)));

        assertThat(page.locator("#query-error")).containsText("character");
    }

    @Test
    void a_search_for_a_raw_email_is_refused_but_its_token_finds_the_events(RunningPortal portal) throws Exception {
        portal.awaitDemoData();
        String body = api(portal, "/api/v1/logs/search?q=user.email:*&from=now-24h&limit=20").body();
        java.util.regex.Matcher token = Pattern.compile("‹email:[0-9a-f]+›").matcher(body);
        assertThat(token.find()).as("masked emails in the demo data").isTrue();

        var byToken = api(portal, "/api/v1/logs/search?from=now-24h&limit=5&q="
                + URLEncoder.encode("user.email:\"" + token.group() + "\"", StandardCharsets.UTF_8));
        var probe = api(portal, "/api/v1/logs/search?from=now-24h&q="
                + URLEncoder.encode("user.email:\"someone@example.com\"", StandardCharsets.UTF_8));

        assertThat(byToken.statusCode()).isEqualTo(200);
        assertThat(byToken.body()).contains(token.group()).doesNotContain("\"total\":0,");
        assertThat(probe.statusCode()).isEqualTo(403);
        assertThat(probe.body()).contains("search_by_token").doesNotContain("someone@example.com");
    }

    private static java.net.http.HttpResponse<String> api(RunningPortal portal, String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(portal.url(path)))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("oncall:oncall".getBytes()))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_rest_api_answers_the_same_search_masked(RunningPortal portal) throws Exception {
        portal.awaitDemoData();
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(portal.url("/api/v1/logs/search?q=level:ERROR&from=now-24h&limit=50")))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("oncall:oncall".getBytes()))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"events\"").contains("\"level\":\"ERROR\"");
        assertThat(RAW_EMAIL.matcher(response.body()).find()).isFalse();
    }
}
