package dev.periscope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** No Docker engine runs the compose file in tests, so check statically that everything it points to exists. */
class DeploymentFilesTest {

    private static final Path DOCKER = Path.of("docker");

    @Test
    @SuppressWarnings("unchecked")
    void every_file_the_compose_file_references_exists() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertThat(services).containsKeys("periscope", "elasticsearch", "prometheus", "keycloak");

        List<Path> referenced = new ArrayList<>();
        for (Map<String, Object> service : services.values()) {
            if (service.get("build") instanceof Map<?, ?> build) {
                Path context = DOCKER.resolve(String.valueOf(build.get("context"))).normalize();
                referenced.add(context);
                referenced.add(context.resolve(String.valueOf(build.get("dockerfile"))));
            }
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith(".")) {
                    referenced.add(DOCKER.resolve(source).normalize());
                }
            }
        }
        assertThat(referenced).isNotEmpty().allSatisfy(path -> assertThat(path).exists());
    }

    @Test
    void everything_the_dockerfile_copies_from_the_build_context_exists() throws IOException {
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(.+) \\S+$").matcher(Files.readString(DOCKER.resolve("Dockerfile")));
        List<Path> sources = new ArrayList<>();
        while (copy.find()) {
            for (String source : copy.group(1).trim().split("\\s+")) {
                sources.add(Path.of(source));
            }
        }
        assertThat(sources).isNotEmpty().allSatisfy(path -> assertThat(path).exists());
    }

    @Test
    void the_dockerfile_runs_as_a_non_root_user_on_a_jre_25() throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));

        assertThat(dockerfile).contains("FROM eclipse-temurin:25-jre").containsPattern("(?m)^USER periscope$");
    }

    @Test
    void the_keycloak_realm_has_a_user_per_role_and_maps_roles_into_tokens() throws IOException {
        JsonNode realm = JsonMapper.builder().build().readTree(DOCKER.resolve("keycloak/periscope-realm.json").toFile());

        List<String> roles = realm.at("/roles/realm").findValuesAsString("name");
        assertThat(roles).containsExactlyInAnyOrder("DEVELOPER", "ONCALL", "AUDITOR", "APPROVER", "ADMIN");
        assertThat(realm.get("users")).hasSize(5);
        assertThat(realm.at("/clients/0/protocolMappers/0/config/claim.name").asString()).isEqualTo("roles");
    }
}
