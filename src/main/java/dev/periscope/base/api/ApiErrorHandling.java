package dev.periscope.base.api;

import dev.periscope.base.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * JSON errors for the REST API: 400 for bad input, 403 for out of scope, 404 for unknown paths, and a 500 with a
 * generic message for anything unexpected (details go to the portal's log).
 */
@RestControllerAdvice(basePackages = "dev.periscope")
class ApiErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandling.class);

    /** Messages written for readers: the services' own refusals of bad input. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiError> badRequest(IllegalArgumentException e) {
        if (e instanceof NumberFormatException || e instanceof java.util.regex.PatternSyntaxException) {
            // The JDK's own wording ("For input string: ...") names internals, not the request's mistake.
            log.debug("Bad request", e);
            return ResponseEntity.badRequest().body(new ApiError("bad_request",
                    "A value in the request could not be read."));
        }
        return ResponseEntity.badRequest().body(new ApiError("bad_request", e.getMessage()));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return ResponseEntity.badRequest().body(new ApiError("bad_request",
                "The parameter '" + e.getParameterName() + "' is required."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> wrongType(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String expected = type == null ? "another kind of value"
                : type == int.class || type == Integer.class || type == long.class || type == Long.class
                        ? "a whole number" : "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
        return ResponseEntity.badRequest().body(new ApiError("bad_request",
                "The parameter '" + e.getName() + "' must be " + expected + "."));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> forbidden(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(new ApiError("forbidden", "Your role does not allow this."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .body(new ApiError("method_not_allowed", "The API is read-only; use GET."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("Unexpected API error", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(new ApiError("internal_error", "Periscope could not answer this request. Try again later."));
    }

    /**
     * Unknown API paths answer JSON 404 instead of falling through to the web UI, and anything but GET answers 405:
     * the API is read-only.
     */
    @RestController
    static class UnknownApiPath {
        @GetMapping("/api/**")
        ResponseEntity<ApiError> notFound() {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new ApiError("not_found", "No such API endpoint."));
        }

        @RequestMapping(value = "/api/**", method = {RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH,
                RequestMethod.DELETE})
        ResponseEntity<ApiError> readOnly() {
            return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                    .header("Allow", "GET")
                    .body(new ApiError("method_not_allowed", "The API is read-only; use GET."));
        }
    }
}
