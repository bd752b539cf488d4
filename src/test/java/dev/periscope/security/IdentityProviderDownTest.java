package dev.periscope.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Port 9 on loopback (discard) is closed on test machines: the IdP "is down" for the whole test. */
@SpringBootTest(properties = {
        "periscope.security.oidc.issuer-uri=http://127.0.0.1:9/realms/periscope",
        "periscope.security.oidc.client-secret=demo-secret-not-real",
        "periscope.data.directory=target/test-data/idp-down",
        "periscope.demo.traffic.enabled=false",
        "periscope.access.policy-file=docker/policy.yaml",
        // A fake test key: outside the demo profile a token key is required, as in production.
        "periscope.masking.token-keys=ktest:ZmFrZS10ZXN0LXRva2VuLWtleS0wMTIzNDU2Nzg5YWJjZGVm"})
@AutoConfigureMockMvc
class IdentityProviderDownTest {

    @Autowired
    MockMvcTester mvc;

    @Test
    void the_portal_starts_while_the_idp_is_down_and_still_shows_nothing_without_login() {
        MvcTestResult page = mvc.get().uri("/logs").exchange();

        assertThat(page).hasStatus(302);
        assertThat(page.getResponse().getHeader(HttpHeaders.LOCATION)).endsWith("/oauth2/authorization/periscope");
    }

    @Test
    void signing_in_shows_a_clear_page_saying_the_idp_does_not_answer() throws Exception {
        MvcTestResult result = mvc.get().uri("/oauth2/authorization/periscope").exchange();

        assertThat(result).hasStatus(503);
        assertThat(result).headers().containsHeader(HttpHeaders.RETRY_AFTER);
        assertThat(result.getResponse().getContentAsString())
                .contains("Sign-in is unavailable", "127.0.0.1", "Try again")
                .doesNotContain("Exception", "at org.");
    }

    @Test
    void the_api_answers_503_json_for_bearer_tokens_it_cannot_check_yet() {
        MvcTestResult result = mvc.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer eyJhbGciOiJub25lIn0.e30.").exchange();

        assertThat(result).hasStatus(503);
        assertThat(result).bodyJson().extractingPath("$.error").isEqualTo("identity_provider_unavailable");
    }

    @Test
    void the_api_still_answers_401_to_callers_without_a_token() {
        assertThat(mvc.get().uri("/api/v1/me").exchange()).hasStatus(401);
    }
}
