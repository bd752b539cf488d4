package dev.periscope.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ErrorPagesTest {

    private final ErrorPages pages = new ErrorPages(new EnvironmentProperties("production", "#c62828", null));

    private String render(HttpStatus status) throws Exception {
        var request = new MockHttpServletRequest("GET", "/foo");
        var response = new MockHttpServletResponse();
        var view = pages.resolveErrorView(request, status, Map.of("exception", "java.lang.IllegalStateException"));
        assertThat(view.getStatus()).isEqualTo(status);
        view.getView().render(Map.of(), request, response);
        return response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void a_refused_path_reads_like_a_missing_one_with_the_environment_banner_and_title() throws Exception {
        String forbidden = render(HttpStatus.FORBIDDEN);
        assertThat(forbidden).contains("<title>[PROD] Page not found · Periscope</title>", "PRODUCTION · read-only",
                "background-color:#c62828", "Back to the overview").doesNotContain("Whitelabel", "Forbidden", "403");
        assertThat(render(HttpStatus.NOT_FOUND)).isEqualTo(forbidden);
    }

    @Test
    void a_server_error_names_no_exception() throws Exception {
        assertThat(render(HttpStatus.INTERNAL_SERVER_ERROR)).contains("Something went wrong")
                .doesNotContain("Exception", "500");
    }

    @Test
    void the_environment_name_is_escaped() throws Exception {
        var odd = new ErrorPages(new EnvironmentProperties("<b>prod</b>", "red", null));
        var response = new MockHttpServletResponse();
        var request = new MockHttpServletRequest();
        odd.resolveErrorView(request, HttpStatus.NOT_FOUND, Map.of()).getView().render(Map.of(), request, response);
        assertThat(response.getContentAsString()).doesNotContain("<b>").contains("&lt;B&gt;PROD&lt;/B&gt;");
    }
}
