package dev.periscope.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Answers 503 with a plain explanation while the IdP does not answer, instead of a stack trace, a blank page or a
 * browser error on the IdP's host. Only sign-in paths are affected: everything else still requires a session, so
 * nothing is shown without login.
 */
final class SignInUnavailableFilter extends OncePerRequestFilter {

    private static final String RETRY_AFTER_SECONDS = "15";

    private final IdentityProvider provider;
    private final boolean api;

    private SignInUnavailableFilter(IdentityProvider provider, boolean api) {
        this.provider = provider;
        this.api = api;
    }

    /** For the browser: the redirect to the IdP, and the return from it. */
    static SignInUnavailableFilter forBrowser(IdentityProvider provider) {
        return new SignInUnavailableFilter(provider, false);
    }

    /** For the API: bearer tokens cannot be checked before the IdP has been discovered (its keys are unknown). */
    static SignInUnavailableFilter forApi(IdentityProvider provider) {
        return new SignInUnavailableFilter(provider, true);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (api) {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            return authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/oauth2/authorization/") && !path.startsWith("/login/oauth2/code/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean ready = api ? provider.discovered().isPresent() : provider.answering();
        if (ready) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (api) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write("{\"error\":\"identity_provider_unavailable\",\"message\":"
                    + "\"The identity provider does not answer, so bearer tokens cannot be checked. Try again shortly.\"}");
        } else {
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.getWriter().write(page(host(provider.issuer())));
        }
    }

    private static String host(String issuer) {
        try {
            String host = URI.create(issuer).getHost();
            return host == null ? "the identity provider" : host;
        } catch (IllegalArgumentException e) {
            return "the identity provider";
        }
    }

    private static String page(String host) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Sign-in unavailable · Periscope</title>
                <style>
                body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1b1f24;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
                main{background:#fff;max-width:34rem;padding:2rem 2.5rem;border-radius:8px;box-shadow:0 2px 12px rgba(0,0,0,.12)}
                h1{font-size:1.4rem;margin:0 0 1rem}p{line-height:1.5}a{display:inline-block;margin-top:.5rem;padding:.5rem 1rem;background:#1a5fb4;color:#fff;border-radius:4px;text-decoration:none}
                </style></head>
                <body><main id="signin-unavailable">
                <h1>Sign-in is unavailable</h1>
                <p>Periscope signs you in through %s, which does not answer right now. Nothing in Periscope can be seen without signing in, so please wait a moment and try again.</p>
                <p>If this lasts, tell the team that runs single sign-on.</p>
                <a href="/">Try again</a>
                </main></body></html>
                """.formatted(HtmlUtils.htmlEscape(host));
    }
}
