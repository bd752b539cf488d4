package dev.periscope.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each browser test a fresh page (own cookies) in a Chromium shared by the whole run. Uses Debian's Chromium
 * when present, else Playwright's own browser. On failure it writes a screenshot and the page HTML under
 * {@code target/browser-failures/}.
 */
final class BrowserExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final List<String> CHROMIUM_ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-dev-shm-usage");

    private static Playwright playwright;
    private static Browser browser;

    private static synchronized Browser browser() {
        if (browser == null) {
            playwright = Playwright.create();
            BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(CHROMIUM_ARGS);
            for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
                if (Files.isExecutable(Path.of(candidate))) {
                    options.setExecutablePath(Path.of(candidate));
                    break;
                }
            }
            browser = playwright.chromium().launch(options);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                browser.close();
                playwright.close();
            }));
        }
        return browser;
    }

    private static ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(BrowserExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        BrowserContext browserContext = browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 800)
                .setLocale("en-US")
                .setTimezoneId("UTC"));
        browserContext.setDefaultTimeout(15_000);
        Page page = browserContext.newPage();
        context.getStore(NS).put("context", browserContext);
        context.getStore(NS).put("page", page);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        BrowserContext browserContext = context.getStore(NS).get("context", BrowserContext.class);
        Page page = context.getStore(NS).get("page", Page.class);
        if (context.getExecutionException().isPresent() && page != null) {
            Path dir = Files.createDirectories(Path.of("target", "browser-failures"));
            String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getDisplayName()
                    .replaceAll("[^A-Za-z0-9_-]+", "_");
            page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
            Files.writeString(dir.resolve(name + ".html"), page.content());
        }
        if (browserContext != null) {
            browserContext.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Page.class || type == RunningPortal.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == RunningPortal.class) {
            return RunningPortal.get();
        }
        return context.getStore(NS).get("page", Page.class);
    }
}
