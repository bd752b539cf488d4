package dev.periscope.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Records the configuration in force at every start ({@code config.start}): the active profiles, and each
 * {@code periscope.*} setting as a short hash of its value. Values are never written, so secrets stay out of the
 * trail, yet an auditor comparing two starts sees which settings changed in between.
 */
@Component
class ConfigurationAudit {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ConfigurationAudit.class);

    /** Settings whose value is a credential: recorded as "set" only, since even a hash of a weak one helps guessing. */
    private static final Pattern SECRET = Pattern.compile(".*(secret|password|tokenkeys|apikey|webhookurl|credential).*");

    private final AuditTrail trail;
    private final Environment environment;

    ConfigurationAudit(AuditTrail trail, Environment environment) {
        this.trail = trail;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void recordStart() {
        Map<String, String> settings = settings();
        String fingerprint = sha256(settings.toString()).substring(0, 16);
        StringBuilder lines = new StringBuilder();
        settings.forEach((k, v) -> lines.append(k).append('=').append(v).append('\n'));
        try {
            String summary = "profiles=" + String.join(",", environment.getActiveProfiles()) + " settings="
                    + settings.size() + " fingerprint=" + fingerprint;
            trail.record(new AuditEntry(new AuditEntry.Actor("periscope", List.of(), "", "", ""), "config.start",
                    AuditEntry.Target.none(), summary, AuditEntry.Decision.ALLOWED, lines.toString().strip(),
                    Optional.empty()));
        } catch (AuditUnavailableException e) {
            // The portal still starts; every read will be refused while the trail cannot write, so nothing leaks.
            log.error("The start configuration could not be recorded in the audit trail", e);
        }
    }

    /** Each periscope.* key with "set" (credentials) or the first 12 hex digits of its value's SHA-256. */
    Map<String, String> settings() {
        Map<String, String> settings = new TreeMap<>();
        if (environment instanceof ConfigurableEnvironment configurable) {
            configurable.getPropertySources().forEach(source -> {
                if (source instanceof EnumerablePropertySource<?> enumerable) {
                    for (String name : enumerable.getPropertyNames()) {
                        String key = canonical(name);
                        if (key.startsWith("periscope.") && !settings.containsKey(key)) {
                            String value = environment.getProperty(name, "");
                            settings.put(key, isCredential(key) ? "set" : sha256(value).substring(0, 12));
                        }
                    }
                }
            });
        }
        return settings;
    }

    private static boolean isCredential(String key) {
        return SECRET.matcher(key.replace("-", "").replace(".", "")).matches();
    }

    /** PERISCOPE_DATA_DIRECTORY and periscope.data.directory are one setting. */
    private static String canonical(String name) {
        return name.contains(".") ? name.toLowerCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
