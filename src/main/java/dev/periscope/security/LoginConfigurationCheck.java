package dev.periscope.security;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start, before any bean exists, when neither the demo profile nor OIDC is configured: the refusal must
 * be the first thing a misconfigured install says, not a side effect of some other component failing.
 */
class LoginConfigurationCheck implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (application.getWebApplicationType() == org.springframework.boot.WebApplicationType.NONE) {
            return;
        }
        boolean demo = environment.acceptsProfiles(Profiles.of("demo"));
        String issuer = environment.getProperty("periscope.security.oidc.issuer-uri");
        if (!demo && (issuer == null || issuer.isBlank())) {
            throw new LoginNotConfiguredException();
        }
    }
}
