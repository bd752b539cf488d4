package dev.periscope.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Login through a real Keycloak: its own login page, real bearer tokens, and logout at the IdP. */
@ExtendWith(BrowserExtension.class)
class OidcLoginIT {

    private static KeycloakServer keycloak;
    private static RunningPortal portal;

    @BeforeAll
    static void startKeycloakAndPortal() throws Exception {
        int port = RunningPortal.freePort();
        keycloak = KeycloakServer.get(port);
        portal = RunningPortal.start("oidc", port, List.of(
                "--periscope.security.oidc.issuer-uri=" + keycloak.issuer(),
                "--periscope.security.oidc.client-id=periscope",
                "--periscope.security.oidc.client-secret=" + KeycloakServer.CLIENT_SECRET,
                "--periscope.security.oidc.roles-claim=roles",
                "--periscope.access.policy-file=" + java.nio.file.Path.of("docker/policy.yaml").toAbsolutePath(),
                // Outside the demo profile a token key is required, as in production; this one is a fake test key.
                "--periscope.masking.token-keys=ktest:" + java.util.Base64.getEncoder().encodeToString(
                        "fake-test-token-key-0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }

    @Test
    void a_user_signs_in_on_keycloaks_page_and_sees_the_navigation_for_their_role(Page page) {
        page.navigate(portal.url("/"));
        signInAtKeycloak(page, "approver");

        Journeys.awaitShell(page);
        assertThat(page.locator("#environment-banner")).containsText("PRODUCTION");
        Locator items = page.locator("#main-navigation vaadin-side-nav-item");
        assertThat(items).hasCount(3);
        assertThat(items).containsText(new String[] {"Overview", "Access", "Approvals"});
        assertThat(page).hasTitle("[PROD] Overview · Periscope");
    }

    @Test
    void signing_out_ends_the_session_at_keycloak_too(Page page) {
        page.navigate(portal.url("/"));
        signInAtKeycloak(page, "developer");
        Journeys.awaitShell(page);

        page.locator("#user-menu vaadin-menu-bar-button").first().click();
        page.locator("vaadin-menu-bar-item", new Page.LocatorOptions().setHasText("Sign out")).click();

        // Back at the portal, which sends the signed-out user to Keycloak: a login form (not an automatic
        // sign-in) proves the session at the IdP ended too.
        assertThat(page.locator("#kc-login")).isVisible();
        assertThat(page.locator("#username")).isEmpty();
    }

    @Test
    void the_api_accepts_a_real_bearer_token_and_reports_its_roles() throws Exception {
        String token = keycloak.passwordGrant("periscope", KeycloakServer.CLIENT_SECRET, "oncall", "oncall");

        HttpResponse<String> response = get("/api/v1/me", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"ONCALL\"");
    }

    @Test
    void the_api_refuses_tokens_that_are_forged_unsigned_or_meant_for_another_application() throws Exception {
        String token = keycloak.passwordGrant("periscope", KeycloakServer.CLIENT_SECRET, "developer", "developer");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"DEVELOPER\"", "\"ADMIN\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + parts[1] + ".";
        String otherAudience = keycloak.passwordGrant("other-app", "other-app-secret", "developer", "developer");

        assertThat(get("/api/v1/me", forged).statusCode()).as("role claim edited client-side").isEqualTo(401);
        assertThat(get("/api/v1/me", unsigned).statusCode()).as("alg none").isEqualTo(401);
        assertThat(get("/api/v1/me", otherAudience).statusCode()).as("wrong audience").isEqualTo(401);
        assertThat(get("/api/v1/me", "not-a-jwt").statusCode()).isEqualTo(401);
    }

    private static void signInAtKeycloak(Page page, String user) {
        page.waitForURL(Pattern.compile(".*/realms/periscope/protocol/openid-connect/auth.*"));
        page.locator("#username").fill(user);
        page.locator("#password").fill(user);
        page.locator("#kc-login").click();
    }

    private static HttpResponse<String> get(String path, String bearer) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(portal.url(path)))
                .header("Authorization", "Bearer " + bearer).build(), HttpResponse.BodyHandlers.ofString());
    }
}
