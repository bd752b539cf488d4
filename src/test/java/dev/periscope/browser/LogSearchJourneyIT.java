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
        // Searches run off the UI thread; on a busy machine (or the slow-search portal) the first answer takes a while.
        assertThat(page.locator("#result-summary")).containsText(" events",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
    }

    @Test
    void a_search_shows_masked_results_newest_first_with_a_histogram(Page page, RunningPortal portal) {
        openLogs(page, portal, "developer", "level:ERROR");

        // "No events" means a summary that starts with 0; "9070 events" contains "0 events" too.
        assertThat(page.locator("#result-summary")).not().hasText(java.util.regex.Pattern.compile("^\\s*0 events"));
        assertThat(cells(page).filter(new Locator.FilterOptions().setHasText("ERROR")).first()).isVisible();
        String shown = String.join("\n", cells(page).allTextContents());
        assertThat(shown).contains("ERROR");
        assertThat(RAW_EMAIL.matcher(shown).find()).as("no raw email reaches the browser").isFalse();
        assertThat(page.locator("#histogram .slot").first()).isAttached();
        assertThat(page.locator("#field-sidebar [data-field=service]")).isVisible();
    }

    @Test
    void service_and_level_show_whole_after_a_search_whose_first_rows_held_only_short_ones(Page page,
            RunningPortal portal) {
        openLogs(page, portal, "oncall", "service:gateway AND level:INFO");
        assertThat(cells(page).filter(new Locator.FilterOptions().setHasText("INFO")).first()).isVisible();
        page.locator("#query input").fill("level:ERROR AND (service:notifications OR service:inventory)");
        page.locator("#run-query").click();
        assertThat(errorCell(page)).isVisible();

        Object cut = page.locator("#results").evaluate("""
                grid => [...grid.querySelectorAll('vaadin-grid-cell-content')]
                    .filter(c => /^(ERROR|notifications|inventory)$/.test(c.textContent.trim()))
                    .filter(c => c.offsetParent && c.scrollWidth > c.clientWidth + 1)
                    .map(c => c.textContent.trim())""");
        assertThat((java.util.List<?>) cut).as("service and level cells cut short").isEmpty();
    }

    @Test
    void a_developer_never_sees_the_restricted_payments_service(Page page, RunningPortal portal) {
        openLogs(page, portal, "developer", "service:payments OR service:*");

        assertThat(page.locator("#field-sidebar [data-field=service]")).not().containsText("payments");
        String shown = String.join("\n", cells(page).allTextContents());
        assertThat(shown).doesNotContain("payments");

        // Asked for alone, the restricted service gives nothing, and the page says why rather than "0 events".
        page.locator("#query input").fill("service:payments");
        page.locator("#run-query").click();
        assertThat(page.locator("#result-summary")).containsText("payments is outside your access");
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

        // A range that ended in the past cannot be followed live.
        page.locator("#live-toggle").click();
        assertThat(page.locator("#query-error")).containsText("Live tail follows new events");
        assertThat(page.locator("#live-status")).isEmpty();
    }

    @Test
    void custom_range_asks_for_two_times_and_shows_the_range_it_applies(Page page, RunningPortal portal) {
        openLogs(page, portal, "oncall", "");
        page.locator("#time-range").click();
        page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText("Custom range")).click();

        assertThat(page.locator("#custom-range-from")).isVisible();
        assertThat(page.locator("#custom-range-to")).isVisible();
        // Filled with the range in force (the last hour): applying it as it is makes it absolute.
        page.locator("#custom-range-apply").click();

        assertThat(page).hasURL(Pattern.compile(".*from=20\\d\\d-.*"));
        assertThat(page.locator("#time-range")).containsText("Custom range");
        assertThat(page.locator("#time-range"))
                .containsText(Pattern.compile("20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:00 to "));
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
        // The dialog opens on the event asked about, not on the oldest of the events around it.
        assertThat(page.locator("#context-grid [part~='anchor']").first()).isInViewport();
    }

    @Test
    void a_value_in_the_event_drawer_filters_the_search_in_or_out(Page page, RunningPortal portal) {
        openLogs(page, portal, "oncall", "level:ERROR");
        errorCell(page).click();
        Locator serviceRow = page.locator("#event-details .property-row",
                new Page.LocatorOptions().setHasText(Pattern.compile("^service")));
        String service = serviceRow.locator(".value").textContent();

        serviceRow.locator(".filter-out").click();
        assertThat(page.locator("#query input")).hasValue("(level:ERROR) AND NOT service:\"" + service + "\"");
        assertThat(page.locator("#result-summary")).containsText("events");
        assertThat(page.locator("#field-sidebar [data-field=service] .field-value",
                new Page.LocatorOptions().setHasText(Pattern.compile("^" + Pattern.quote(service) + " \\(")))).hasCount(0);
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
        // Retention reads as every long duration does (the demo keeps the default of seven days).
        assertThat(page.locator("#store-status")).containsText("events older than 7 days");
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
    void after_a_failed_search_the_previous_results_stay_dimmed_and_labelled(Page page, RunningPortal portal) {
        openLogs(page, portal, "developer", "level:ERROR");
        Locator field = page.locator("#query input");
        field.fill("service:(checkout");
        field.press("Enter");

        assertThat(page.locator("#query-error")).containsText("character");
        assertThat(page.locator("#result-summary")).containsText("the results of the previous search");
        assertThat(page.locator("#result-summary")).containsText("level:ERROR");
        assertThat(page.locator("#results")).hasCSS("opacity", "0.45");
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

    // ------------------------------------------------------------------ far down a large result, linked events, cancel

    private static final Pattern ROW_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");

    /** The portal whose every log read waits two seconds: slow searches, on purpose, to see progress and Cancel. */
    private static RunningPortal slowPortal;
    private static RuntimeException slowPortalFailure;

    private static synchronized RunningPortal slowPortal() {
        if (slowPortalFailure != null) {
            throw slowPortalFailure;
        }
        if (slowPortal == null) {
            try {
                slowPortal = RunningPortal.start("slow-search", java.util.List.of("--spring.profiles.active=demo",
                        "--periscope.demo.traffic.backfill=1h", "--periscope.demo.simulated-search-latency=2s",
                        "--periscope.logs.query-timeout=60s"), java.time.Duration.ofSeconds(240));
            } catch (RuntimeException e) {
                // Tried once: a second try would only add minutes to the run.
                slowPortalFailure = e;
                throw e;
            }
        }
        return slowPortal;
    }

    /** Screenshots of the new journeys, to look at even when they pass. */
    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(java.nio.file.Path.of("target", "browser-screenshots", "LogSearchJourneyIT-" + name + ".png")));
    }

    private static int gridSize(Page page) {
        return ((Number) page.locator("#results").evaluate("grid => grid.size")).intValue();
    }

    private static void scrollToLastRow(Page page) {
        page.locator("#results").evaluate("grid => { grid.$.table.scrollTop = grid.$.table.scrollHeight; }");
    }

    private static java.util.List<String> renderedTimes(Page page) {
        return cells(page).allTextContents().stream().map(String::strip).filter(t -> ROW_TIME.matcher(t).matches())
                .toList();
    }

    @Test
    void scrolling_far_down_a_large_result_loads_older_pages_in_order(Page page, RunningPortal portal) {
        openLogs(page, portal, "oncall", "");
        assertThat(cells(page).first()).isVisible();
        String newest = renderedTimes(page).getFirst();
        int size = gridSize(page);
        assertThat(size).isEqualTo(200);

        // Each scroll to the end brings the next page (500 events) in the background.
        for (int i = 0; i < 20 && size < 3_000; i++) {
            scrollToLastRow(page);
            int before = size;
            page.waitForFunction("n => document.querySelector('#results').size > n", before,
                    new Page.WaitForFunctionOptions().setTimeout(30_000));
            size = gridSize(page);
        }
        assertThat(size).isGreaterThanOrEqualTo(3_000);

        // The grid stayed where the reader scrolled to: every rendered row is older than the newest event.
        java.util.List<String> shown = renderedTimes(page);
        assertThat(shown).isNotEmpty().allSatisfy(t -> assertThat(t).isLessThan(newest));
        assertThat(RAW_EMAIL.matcher(String.join("\n", cells(page).allTextContents())).find())
                .as("no raw email in rows loaded later").isFalse();
        var box = page.locator("#results").boundingBox();
        page.mouse().click(box.x + box.width / 2, box.y + box.height / 2);
        assertThat(page.locator("#event-details")).isVisible();
        screenshot(page, "far-down");
        String opened = page.locator("#event-details span").first().textContent().replace('T', ' ');
        assertThat(opened.substring(0, 19)).isLessThan(newest.substring(0, 19));
    }

    @Test
    void the_grid_answers_clicks_while_an_older_page_is_still_loading(Page page) {
        RunningPortal slow = slowPortal();
        openLogs(page, slow, "oncall", "");
        assertThat(cells(page).first()).isVisible();

        scrollToLastRow(page);
        Locator loading = page.locator("#results-more");
        assertThat(loading).isVisible();
        assertThat(loading).containsText("Loading older events");
        screenshot(page, "loading-older");
        var box = page.locator("#results").boundingBox();
        page.mouse().click(box.x + box.width / 2, box.y + box.height / 2);
        assertThat(page.locator("#event-details")).isVisible();
        assertThat(loading).containsText("Loading older events");

        page.waitForFunction("() => document.querySelector('#results').size > 200", null,
                new Page.WaitForFunctionOptions().setTimeout(30_000));
        assertThat(loading).isHidden();
    }

    @Test
    void a_deep_link_to_an_old_event_opens_it_in_a_fresh_session(Page page, RunningPortal portal) {
        portal.awaitDemoData();
        String body = portal.apiGet("/api/v1/logs/search?q=level:ERROR&from=now-22h&to=now-21h&order=oldest&limit=1",
                "developer").body();
        java.util.regex.Matcher id = Pattern.compile("\"id\":\"([0-9a-f]{16})\"").matcher(body);
        java.util.regex.Matcher time = Pattern.compile("\"timestamp\":\"([^\"]{19})").matcher(body);
        assertThat(id.find()).as("an ERROR event about 22 hours old: " + body).isTrue();
        assertThat(time.find()).isTrue();

        page.navigate(portal.url("/logs?q=level%3AERROR&from=now-24h&to=now&event=" + id.group(1)));
        Journeys.fillLoginForm(page, "developer", "developer");

        assertThat(page.locator("#event-details")).isVisible(
                new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
        assertThat(page.locator("#event-details")).containsText(time.group(1).replace('T', ' '));
        assertThat(page.locator("#event-details")).containsText("ERROR");
        assertThat(page).hasURL(Pattern.compile(".*event=" + id.group(1) + ".*"));
        assertThat(renderedTimes(page)).as("the linked event is far below the first rows")
                .noneMatch(t -> t.startsWith(time.group(1).replace('T', ' ')));
        screenshot(page, "old-event-link");
    }

    @Test
    void a_linked_event_outside_the_readers_scope_does_not_open_and_says_so(Page page, RunningPortal portal) {
        portal.awaitDemoData();
        String body = portal.apiGet("/api/v1/logs/search?q=service:payments&from=now-24h&limit=1", "oncall").body();
        java.util.regex.Matcher id = Pattern.compile("\"id\":\"([0-9a-f]{16})\"").matcher(body);
        assertThat(id.find()).as("a payments event, which on-call may see: " + body).isTrue();

        page.navigate(portal.url("/logs?from=now-24h&to=now&event=" + id.group(1)));
        Journeys.fillLoginForm(page, "developer", "developer");

        assertThat(page.locator("#query-error")).containsText("cannot be shown",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        assertThat(page.locator("#event-details")).isHidden();
        assertThat(page).not().hasURL(Pattern.compile(".*event=.*"));
        screenshot(page, "linked-event-refused");
    }

    @Test
    void a_slow_search_shows_progress_and_cancel_stops_it_and_is_audited(Page page) {
        RunningPortal slow = slowPortal();
        Journeys.signIn(page, slow, "developer", "developer");
        Journeys.awaitShell(page);
        page.navigate(slow.url("/logs?from=now-1h&to=now&q=" + URLEncoder.encode("level:WARN", StandardCharsets.UTF_8)));

        // The search starts as the view opens; on a busy machine the page itself can take a while to load.
        Locator progress = page.locator("#search-progress");
        assertThat(progress).isVisible(
                new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
        assertThat(page.locator("#result-summary")).containsText("Searching");
        screenshot(page, "slow-search-running");
        page.locator("#cancel-search").click();

        assertThat(progress).isHidden();
        assertThat(page.locator("#result-summary")).containsText("Search cancelled");
        assertThat(page.locator("#query-error")).isEmpty();
        screenshot(page, "slow-search-cancelled");
        // Usable again: the query can be edited and a new search starts (and can be cancelled too).
        page.locator("#query input").fill("level:ERROR");
        page.locator("#run-query").click();
        assertThat(progress).isVisible();
        page.locator("#cancel-search").click();
        assertThat(page.locator("#result-summary")).containsText("Search cancelled");

        page.context().clearCookies();
        Journeys.signIn(page, slow, "auditor", "auditor");
        Journeys.awaitShell(page);
        page.navigate(slow.url("/audit"));
        page.locator("#filter-user input").fill("developer");
        Locator cancelled = page.locator("#audit-events vaadin-grid-cell-content",
                new Page.LocatorOptions().setHasText("cancelled by the reader"));
        assertThat(cancelled.first()).isVisible(
                new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
        screenshot(page, "cancel-in-audit");
    }
}
