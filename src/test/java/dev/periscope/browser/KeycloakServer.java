package dev.periscope.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real Keycloak (the Maven Central distribution unpacked by the build), started once per test run on a free
 * loopback port with the project's realm, adjusted for the test portal's address. A second client, "other-app",
 * issues tokens meant for someone else.
 */
final class KeycloakServer {

    static final String CLIENT_SECRET = "demo-client-secret-not-for-production";
    private static KeycloakServer instance;

    private final String baseUrl;

    private KeycloakServer(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    static synchronized KeycloakServer get(int portalPort) {
        if (instance == null) {
            instance = start(portalPort);
        }
        return instance;
    }

    String issuer() {
        return baseUrl + "/realms/periscope";
    }

    private static KeycloakServer start(int portalPort) {
        Path home = Path.of(System.getProperty("periscope.keycloak.home", "target/servers/keycloak"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak is not unpacked at " + home + " (the build's pre-integration-test"
                    + " phase unpacks it from Maven Central)");
        }
        try {
            int port = RunningPortal.freePort();
            // A fresh database each run: --import-realm skips a realm that already exists, with stale redirect URIs.
            deleteRecursively(home.resolve("data"));
            Path importDir = Files.createDirectories(home.resolve("data/import"));
            Files.writeString(importDir.resolve("periscope-realm.json"), testRealm(portalPort));
            Path log = Files.createDirectories(Path.of("target", "browser-it")).resolve("keycloak.log");
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--import-realm", "--cache=local"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", "demo-admin-password");
            env.put("JAVA_OPTS_APPEND", "-Xms256m -Xmx768m");
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }));
            String base = "http://127.0.0.1:" + port;
            // Start-dev rebuilds Keycloak before it starts: over two minutes has been seen with other builds running.
            ServerReadiness.await("Keycloak", process,
                    URI.create(base + "/realms/periscope/.well-known/openid-configuration"), Duration.ofSeconds(300), log);
            return new KeycloakServer(base);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start Keycloak", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The project's realm with redirect URIs for the test portal, plus a client whose tokens are not for us. */
    private static String testRealm(int portalPort) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode realm = (ObjectNode) json.readTree(Path.of("docker/keycloak/periscope-realm.json").toFile());
        ObjectNode client = (ObjectNode) realm.get("clients").get(0);
        String portal = "http://127.0.0.1:" + portalPort;
        client.set("redirectUris", json.createArrayNode().add(portal + "/*"));
        client.putObject("attributes").put("post.logout.redirect.uris", portal + "/*");
        ObjectNode other = ((ArrayNode) realm.get("clients")).addObject();
        other.put("clientId", "other-app").put("enabled", true).put("publicClient", false)
                .put("secret", "other-app-secret").put("directAccessGrantsEnabled", true)
                .put("standardFlowEnabled", false);
        other.set("protocolMappers", client.get("protocolMappers").get(0).deepCopy() instanceof ObjectNode roles
                ? json.createArrayNode().add(roles) : json.createArrayNode());
        return json.writeValueAsString(realm);
    }


    /** A token from the password grant, for API tests. */
    String passwordGrant(String clientId, String secret, String user, String password) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=" + clientId + "&client_secret=" + secret + "&username=" + user
                + "&password=" + password + "&scope=openid";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JsonMapper.builder().build().readTree(response.body());
        if (!body.has("access_token")) {
            throw new IllegalStateException("no token: " + response.body());
        }
        return body.get("access_token").asString();
    }
}
