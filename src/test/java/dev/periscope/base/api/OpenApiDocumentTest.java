package dev.periscope.base.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenApiDocumentTest {

    /** Every "METHOD path" the controllers serve, except the catch-all that answers unknown API paths. */
    static Set<String> mappedOperations() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        Set<String> operations = new TreeSet<>();
        for (var candidate : scanner.findCandidateComponents("dev.periscope")) {
            Class<?> controller = Class.forName(candidate.getBeanClassName());
            RequestMapping base = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
            String prefix = base == null || base.path().length == 0 ? "" : base.path()[0];
            for (Method method : controller.getDeclaredMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
                if (mapping == null) {
                    continue;
                }
                String[] paths = mapping.path().length == 0 ? new String[] {""} : mapping.path();
                var verbs = mapping.method().length == 0 ? new Object[] {"GET"} : mapping.method();
                for (String path : paths) {
                    String full = prefix + path;
                    if (full.endsWith("/**")) {
                        continue;
                    }
                    for (Object verb : verbs) {
                        operations.add(verb.toString() + " " + full);
                    }
                }
            }
        }
        return operations;
    }

    static Set<String> documentedOperations() throws Exception {
        Set<String> operations = new TreeSet<>();
        try (InputStream in = new ClassPathResource(OpenApiController.DOCUMENT).getInputStream()) {
            JsonNode paths = JsonMapper.builder().build().readTree(in).get("paths");
            for (var path : paths.properties()) {
                for (var operation : path.getValue().properties()) {
                    operations.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    @Test
    void the_document_describes_exactly_the_operations_the_controllers_serve() throws Exception {
        Set<String> mapped = mappedOperations();

        assertThat(mapped).contains("GET /api/v1/logs/search", "GET /api/v1/logs/export", "GET /api/v1/openapi.json");
        assertThat(documentedOperations()).containsExactlyInAnyOrderElementsOf(mapped);
    }

    @Test
    void the_document_is_served_as_json() {
        var response = new OpenApiController().openApi();

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).isNotNull();
        assertThat(response.getBody().exists()).isTrue();
    }
}
