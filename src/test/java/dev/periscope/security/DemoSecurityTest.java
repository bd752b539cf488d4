package dev.periscope.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@SpringBootTest(properties = {"periscope.data.directory=target/test-data/security", "periscope.demo.traffic.enabled=false"})
@AutoConfigureMockMvc
@ActiveProfiles("demo")
class DemoSecurityTest {

    @Autowired
    MockMvcTester mvc;

    @Test
    void the_api_refuses_anonymous_callers_with_a_json_401() {
        MvcTestResult result = mvc.get().uri("/api/v1/me").exchange();

        assertThat(result).hasStatus(401);
        assertThat(result).bodyJson().extractingPath("$.error").isEqualTo("unauthorized");
    }

    @Test
    void the_api_accepts_http_basic_with_a_demo_user_and_reports_its_roles() {
        MvcTestResult result = mvc.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, basic("oncall", "oncall")).exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.roles").asArray().containsExactly("ONCALL");
    }

    @Test
    void the_api_refuses_a_wrong_password() {
        assertThat(mvc.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, basic("admin", "nope")).exchange())
                .hasStatus(401);
    }

    @Test
    void the_api_is_stateless_and_never_cached() {
        MvcTestResult result = mvc.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, basic("developer", "developer")).exchange();

        assertThat(result).doesNotContainHeader(HttpHeaders.SET_COOKIE);
        assertThat(result).headers().hasValue(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
        assertThat(result).headers().hasValue("X-Frame-Options", "DENY");
    }

    @Test
    void an_unknown_api_path_answers_json_404_not_the_web_page() {
        MvcTestResult result = mvc.get().uri("/api/v1/no-such-thing").header(HttpHeaders.AUTHORIZATION, basic("developer", "developer")).exchange();

        assertThat(result).hasStatus(404);
        assertThat(result).bodyJson().extractingPath("$.error").isEqualTo("not_found");
    }

    @Test
    void the_api_is_read_only() {
        MvcTestResult result = mvc.post().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, basic("admin", "admin")).exchange();

        assertThat(result).hasStatus(405);
    }

    @Test
    void pages_redirect_anonymous_users_to_login() {
        assertThat(mvc.get().uri("/system").exchange()).hasStatus(302).headers()
                .hasValue(HttpHeaders.LOCATION, "/login");
    }

    @Test
    void health_and_prometheus_metrics_are_public_but_other_actuator_endpoints_are_not() {
        assertThat(mvc.get().uri("/actuator/health/readiness").exchange()).hasStatusOk();
        MvcTestResult metrics = mvc.get().uri("/actuator/prometheus").exchange();
        assertThat(metrics).hasStatusOk();
        assertThat(metrics.getResponse().getContentAsByteArray()).asString().contains("periscope_logins_total");
        assertThat(mvc.get().uri("/actuator/info").exchange()).hasStatus(401);
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
    }
}
