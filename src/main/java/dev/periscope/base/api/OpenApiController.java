package dev.periscope.base.api;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OpenAPI description of the REST API. It is written by hand (in {@code api/openapi.json}) rather than generated,
 * and a test fails when a controller mapping is missing from it or it describes a path no controller serves.
 */
@RestController
class OpenApiController {

    static final String DOCUMENT = "api/openapi.json";

    @GetMapping("/api/v1/openapi.json")
    ResponseEntity<Resource> openApi() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new ClassPathResource(DOCUMENT));
    }
}
