package dev.periscope.base;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which environment this portal looks into, shown on every page so nobody mistakes production for test.
 *
 * <pre>
 * periscope:
 *   environment:
 *     name: production     # PERISCOPE_ENVIRONMENT_NAME
 *     color: "#c62828"     # PERISCOPE_ENVIRONMENT_COLOR, a CSS hex colour or colour name
 *     label: PROD          # PERISCOPE_ENVIRONMENT_LABEL, the page-title prefix; derived from the name if unset
 * </pre>
 */
@ConfigurationProperties("periscope.environment")
public record EnvironmentProperties(
        @DefaultValue("production") String name,
        @DefaultValue("#c62828") String color,
        @Nullable String label) {

    // The colour is written into a style attribute: accept only a hex colour or a plain colour name.
    private static final Pattern SAFE_COLOR = Pattern.compile("#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}");

    public EnvironmentProperties {
        if (!SAFE_COLOR.matcher(color).matches()) {
            throw new IllegalArgumentException(
                    "periscope.environment.color must be a hex colour like #c62828 or a colour name, not: " + color);
        }
    }

    /** The short label for page titles: {@code PROD} for production, else the name in capitals. */
    public String titleLabel() {
        if (label != null && !label.isBlank()) {
            return label;
        }
        return "production".equalsIgnoreCase(name) ? "PROD" : name.toUpperCase(Locale.ROOT);
    }

    /** A page title in the portal's form: {@code [PROD] Logs · Periscope}. */
    public String pageTitle(String title) {
        return "[" + titleLabel() + "] " + title + " · Periscope";
    }
}
