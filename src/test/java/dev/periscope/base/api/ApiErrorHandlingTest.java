package dev.periscope.base.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Bad input is answered in the request's own terms, never in the JDK's or the framework's wording. */
class ApiErrorHandlingTest {

    private final ApiErrorHandling handling = new ApiErrorHandling();

    @SuppressWarnings("unused")
    void search(int limit) {
    }

    @Test
    void a_parameter_of_the_wrong_type_names_the_parameter_and_what_it_must_be() throws Exception {
        MethodParameter limit = new MethodParameter(getClass().getDeclaredMethod("search", int.class), 0);
        var answer = handling.wrongType(new MethodArgumentTypeMismatchException("abc", int.class, "limit", limit,
                new NumberFormatException("For input string: \"abc\"")));

        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        assertThat(answer.getBody().message()).isEqualTo("The parameter 'limit' must be a whole number.");
    }

    @Test
    void a_missing_parameter_is_named() {
        var answer = handling.missingParameter(new MissingServletRequestParameterException("q", "String"));
        assertThat(answer.getBody().message()).isEqualTo("The parameter 'q' is required.");
    }

    @Test
    void the_jdk_s_own_wording_of_a_bad_number_or_pattern_is_not_passed_on() {
        assertThat(handling.badRequest(new NumberFormatException("For input string: \"x\"")).getBody().message())
                .isEqualTo("A value in the request could not be read.");
        assertThat(handling.badRequest(new IllegalArgumentException("The range ends before it starts."))
                .getBody().message()).isEqualTo("The range ends before it starts.");
    }
}
