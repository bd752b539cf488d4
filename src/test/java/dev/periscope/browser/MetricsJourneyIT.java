package dev.periscope.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Metrics in the browser, over the demo's generated series: query, chart, table, completion, and on to logs. */
@ExtendWith(BrowserExtension.class)
class MetricsJourneyIT {

    static final LocatorAssertions.ContainsTextOptions SLOW =
            new LocatorAssertions.ContainsTextOptions().setTimeout(20_000);

    static void signIn(Page page, RunningPortal portal, String user) {
        Journeys.signIn(page, portal, user, user);
        Journeys.awaitShell(page);
    }

    @Test
    void a_query_typed_in_the_editor_draws_a_chart_of_the_users_scope(Page page, RunningPortal portal) {
        signIn(page, portal, "developer");
        page.navigate(portal.url("/metrics"));
        Locator editor = page.locator("#promql .cm-content");
        editor.click();
        page.keyboard().type("sum by (service) (rate(http_requests_total[5m]))");
        page.keyboard().press("Escape");
        page.locator("#run-query").click();

        assertThat(page.locator("#result-summary")).containsText("series", SLOW);
        assertThat(page.locator("#demo-badge")).isVisible();
        assertThat(page.locator("#chart canvas").first()).isVisible();
        assertThat(page.locator("#chart .u-legend")).containsText("checkout");
        // The developer's scope excludes payments: the rewrite keeps it out of every series.
        assertThat(page.locator("#chart .u-legend")).not().containsText("payments");
        assertThat(page).hasURL(Pattern.compile(".*/metrics\\?q=.*from=now-1h.*"));

        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(java.nio.file.Path.of("target", "browser-screens", "metrics-chart.png")));
        page.locator("#tab-table").click();
        assertThat(page.locator("#series-table")).containsText("gateway");
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(java.nio.file.Path.of("target", "browser-screens", "metrics-table.png")));
    }

    @Test
    void the_editor_completes_metric_names_from_the_portal(Page page, RunningPortal portal) {
        signIn(page, portal, "oncall");
        page.navigate(portal.url("/metrics"));
        page.locator("#promql .cm-content").click();
        page.keyboard().type("jvm_mem");

        assertThat(page.locator(".cm-tooltip-autocomplete")).containsText("jvm_memory_used_bytes");
    }

    @Test
    void clicking_a_point_opens_the_logs_of_that_service_for_that_minute(Page page, RunningPortal portal) {
        signIn(page, portal, "oncall");
        String q = "sum by (service) (rate(http_requests_total{service=\"checkout\"}[5m]))";
        page.navigate(portal.url("/metrics?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&from=now-1h&to=now"));
        Locator over = page.locator("#chart .u-over");
        assertThat(over).isVisible(new LocatorAssertions.IsVisibleOptions()
                .setTimeout(20_000));
        var box = over.boundingBox();
        page.mouse().move(box.x + box.width / 2, box.y + box.height / 2);
        page.mouse().click(box.x + box.width / 2, box.y + box.height / 2);

        assertThat(page).hasURL(Pattern.compile(".*/logs\\?q=service%3A%22checkout%22&from=20\\d\\d-.*"));
        assertThat(page.locator("#result-summary")).containsText("events");
    }

    @Test
    void a_service_dashboard_renders_its_panels_and_a_click_opens_that_services_logs(Page page, RunningPortal portal) {
        signIn(page, portal, "oncall");
        page.navigate(portal.url("/dashboards"));
        page.locator("#dashboard-list [data-dashboard=checkout]").click();

        assertThat(page.locator("#dashboard-title")).containsText("checkout");
        Locator requests = page.locator("[data-panel='Requests per second by status']");
        assertThat(requests.locator(".u-legend")).containsText("500", SLOW);
        assertThat(page.locator("[data-panel='Memory'] .stat-value")).containsText("MiB", SLOW);
        assertThat(page.locator("#demo-badge")).isVisible();
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(java.nio.file.Path.of("target", "browser-screens", "dashboard-checkout.png")));

        Locator over = requests.locator(".u-over");
        var box = over.boundingBox();
        page.mouse().move(box.x + box.width * 0.7, box.y + box.height * 0.5);
        page.mouse().click(box.x + box.width * 0.7, box.y + box.height * 0.5);

        assertThat(page).hasURL(Pattern.compile(".*/logs\\?q=service%3A%22checkout%22&from=20\\d\\d-.*"));
        assertThat(page.locator("#result-summary")).containsText("events", SLOW);
    }

    @Test
    void a_dashboards_problems_panel_leads_to_the_problem_group(Page page, RunningPortal portal) {
        portal.awaitDemoData();
        signIn(page, portal, "oncall");
        page.navigate(portal.url("/dashboards/checkout?from=now-24h&to=now"));

        Locator panel = page.locator("[data-panel='Top problems']");
        Locator first = panel.locator(".problem-link").first();
        assertThat(first).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                .setTimeout(60_000));
        assertThat(panel).not().containsText("@");
        first.click();

        assertThat(page).hasURL(Pattern.compile(".*/problems/[0-9a-f]+\\?from=now-24h&to=now"));
        assertThat(page.locator("#problem-title")).isVisible(
                new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
    }
}
