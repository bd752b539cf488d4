package dev.periscope.base;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.util.HtmlUtils;

/**
 * The page a browser gets for an error outside the Vaadin views (a path no view or API owns, a request the security
 * filters refused): the environment's banner and title like every other page, and a plain sentence instead of
 * Spring's "Whitelabel Error Page" with its exception type. A refused path reads like a missing one, as in the views,
 * so the page does not tell which paths exist. API clients asking for JSON still get the JSON answer.
 */
@Component
class ErrorPages implements ErrorViewResolver {

    private final EnvironmentProperties environment;

    ErrorPages(EnvironmentProperties environment) {
        this.environment = environment;
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        ModelAndView page = new ModelAndView(new Page(status));
        page.setStatus(status);
        return page;
    }

    /** What a page says: a heading and a sentence. */
    record Wording(String heading, String sentence) {
    }

    /** The words for a status; never the exception or its message. */
    static Wording wording(HttpStatus status) {
        if (status == HttpStatus.NOT_FOUND || status == HttpStatus.FORBIDDEN) {
            return new Wording("Page not found", "This page does not exist, or your role does not include it.");
        }
        if (status == HttpStatus.UNAUTHORIZED) {
            return new Wording("Sign in first", "This page needs you to sign in.");
        }
        if (status.is5xxServerError()) {
            return new Wording("Something went wrong",
                    "Periscope could not answer this request. Nothing was changed; try again in a moment.");
        }
        return new Wording("This request could not be served", "Check the address and try again.");
    }

    private final class Page implements View {

        private final HttpStatus status;

        Page(HttpStatus status) {
            this.status = status;
        }

        @Override
        public @Nullable String getContentType() {
            return MediaType.TEXT_HTML_VALUE;
        }

        @Override
        public void render(@Nullable Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
                throws java.io.IOException {
            Wording words = wording(status);
            String name = HtmlUtils.htmlEscape(environment.name().toUpperCase(java.util.Locale.ROOT), "UTF-8");
            String html = """
                    <!doctype html>
                    <html lang="en"><head><meta charset="utf-8"><title>%s</title>\
                    <link rel="icon" href="/favicon.svg" type="image/svg+xml"></head>
                    <body style="margin:0;font-family:system-ui,sans-serif">
                    <div id="environment-banner" role="banner" style="background-color:%s;color:#fff;padding:6px 16px;\
                    font-weight:600;letter-spacing:.05em">%s · read-only</div>
                    <main style="padding:32px;max-width:40em"><h2>%s</h2><p>%s</p>
                    <p><a href="/">Back to the overview</a></p></main></body></html>
                    """.formatted(HtmlUtils.htmlEscape(environment.pageTitle(words.heading()), "UTF-8"), environment.color(),
                    name, words.heading(), words.sentence());
            response.setContentType("text/html;charset=UTF-8");
            response.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
        }
    }
}
