package dev.periscope.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
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

    /** The whole hint of a text field can be read: its placeholder, in the input's font, fits the input's box. */
    static void assertPlaceholderFits(Locator field) {
        Locator input = field.locator("input");
        assertThat(input).isVisible();
        Object room = input.evaluate("""
                input => {
                  const style = getComputedStyle(input);
                  const context = document.createElement('canvas').getContext('2d');
                  context.font = style.font;
                  const needed = context.measureText(input.placeholder).width;
                  const available = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                  return available - needed;
                }""");
        org.assertj.core.api.Assertions.assertThat(((Number) room).doubleValue())
                .as("room left by the placeholder of %s", input.getAttribute("placeholder")).isNotNegative();
    }

    /** The element is shown whole: not cut by its own box (an ellipsis) nor by the edge of the container. */
    static void assertShownWhole(Locator element, Locator container) {
        assertThat(element).isVisible();
        Object cut = element.evaluate("e => e.scrollWidth > e.clientWidth");
        org.assertj.core.api.Assertions.assertThat(cut).as("%s cut short", element.textContent()).isEqualTo(false);
        var box = element.boundingBox();
        var bounds = container.boundingBox();
        org.assertj.core.api.Assertions.assertThat(box.x).as("left edge of %s", element.textContent())
                .isGreaterThanOrEqualTo(bounds.x - 0.5);
        org.assertj.core.api.Assertions.assertThat(box.x + box.width).as("right edge of %s", element.textContent())
                .isLessThanOrEqualTo(bounds.x + bounds.width + 0.5);
    }
}
