package dev.periscope.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rendering figures for docs/benchmarks.md, measured in Chromium: drawing 100k points in the uPlot chart, and loading
 * a dashboard until every panel is drawn. Opt-in: {@code -Dperiscope.bench=true}.
 */
@ExtendWith(BrowserExtension.class)
@EnabledIfSystemProperty(named = "periscope.bench", matches = "true")
class MetricsRenderBenchIT {

    static final int RUNS = 15;

    static double median(List<Double> values) {
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void draws_a_hundred_thousand_points(Page page, RunningPortal portal) {
        Journeys.signIn(page, portal, "oncall", "oncall");
        Journeys.awaitShell(page);
        page.navigate(portal.url("/metrics"));
        assertThat(page.locator("#chart")).isAttached(new LocatorAssertions.IsAttachedOptions().setTimeout(60_000));
        page.waitForFunction("() => customElements.get('periscope-chart') !== undefined");
        var times = new ArrayList<Double>();
        for (int run = 0; run < RUNS + 3; run++) {
            // 20 series x 5,000 points, built in the page; the timed part is the chart's own parse and draw.
            Object ms = page.evaluate("""
                    () => {
                      const n = 5000, s = 20, t0 = 1763800000;
                      const x = Array.from({length: n}, (_, i) => t0 + i * 15);
                      const ys = Array.from({length: s}, (_, k) => x.map((_, i) => 100 + k * 10 + Math.sin(i / 50 + k) * 5));
                      const json = JSON.stringify({kind: 'line', unit: 'ops', x, series: ys.map((_, k) => 'series ' + k), ys});
                      const el = document.querySelector('#chart');
                      const start = performance.now();
                      el.config = json;
                      el.getBoundingClientRect();
                      return performance.now() - start;
                    }""");
            if (run >= 3) {
                times.add(((Number) ms).doubleValue());
            }
        }
        System.out.printf("Chart render, 100,000 points (20 x 5,000), %d runs: median %.1f ms, max %.1f ms%n", RUNS,
                median(times), Collections.max(times));
        assertThat(page.locator("#chart canvas").first()).isVisible();
        assertThat(median(times)).as("median render time, ms").isLessThan(100);
    }

    @Test
    void loads_a_dashboard_with_every_panel_drawn(Page page, RunningPortal portal) {
        portal.awaitDemoData();
        Journeys.signIn(page, portal, "oncall", "oncall");
        Journeys.awaitShell(page);
        var times = new ArrayList<Double>();
        int panels = 0;
        for (int run = 0; run < 10; run++) {
            long start = System.nanoTime();
            page.navigate(portal.url("/dashboards/checkout"));
            // Every panel drawn: five charts (three from Prometheus, two from the logs), two stats, the alert list
            // and the problems list.
            assertThat(page.locator(".dashboard-panel periscope-chart canvas")).hasCount(5,
                    new LocatorAssertions.HasCountOptions().setTimeout(20_000));
            assertThat(page.locator("[data-panel='Memory'] .stat-value")).containsText("iB");
            assertThat(page.locator("[data-panel='Errors now'] .stat-value")).containsText("%");
            assertThat(page.locator("[data-panel='Alerts'] .alert-list")).hasCount(1);
            assertThat(page.locator("[data-panel='Top problems'] .problems-panel > *").first()).isVisible();
            if (run >= 2) {
                times.add((System.nanoTime() - start) / 1e6);
            }
            panels = page.locator(".dashboard-panel").count();
        }
        // Where the time goes: when each panel is ready, in one more load (they load in parallel, so the last one
        // ready is the load time).
        long start = System.nanoTime();
        page.navigate(portal.url("/dashboards/checkout"));
        var ready = new java.util.LinkedHashMap<String, Double>();
        while (System.nanoTime() - start < 20_000_000_000L) {
            Object done = page.evaluate("""
                    () => [...document.querySelectorAll('.dashboard-panel')].filter(p =>
                        p.querySelector('canvas, .alert-list, .problems-panel > *')
                        || (p.querySelector('.stat-value') && p.querySelector('.stat-value').textContent !== '–'))
                      .map(p => p.dataset.panel)""");
            for (Object title : (List<?>) done) {
                ready.putIfAbsent(String.valueOf(title), (System.nanoTime() - start) / 1e6);
            }
            if (ready.size() >= 9) {
                break;
            }
            page.waitForTimeout(10);
        }
        ready.forEach((title, ms) -> System.out.printf("  %-32s ready after %5.0f ms%n", title, ms));
        System.out.printf("Dashboard 'checkout' (%d panels) from navigation to every panel drawn, %d runs: median %.0f ms,"
                + " max %.0f ms%n", panels, times.size(), median(times), Collections.max(times));
        assertThat(panels).isGreaterThanOrEqualTo(8);
        assertThat(median(times)).as("median dashboard load, ms").isLessThan(1500);
    }
}
