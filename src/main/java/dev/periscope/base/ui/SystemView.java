package dev.periscope.base.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.periscope.base.EnvironmentProperties;
import dev.periscope.base.PropertyRow;
import dev.periscope.base.TimeFormats;
import dev.periscope.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.core.env.Environment;

/** The portal's own state, for administrators: version, environment, health and uptime. */
@Route("system")
@PageTitle("System")
@Menu(order = 90, icon = "vaadin:cogs", title = "System")
@RolesAllowed(Roles.ADMIN)
class SystemView extends Div {

    SystemView(EnvironmentProperties environment, Environment spring, HealthEndpoint health) {
        addClassName("page");
        add(new H2("System"));
        String version = java.util.Optional.ofNullable(SystemView.class.getPackage().getImplementationVersion())
                .orElse("development build");
        Duration uptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        add(row("Version", version),
                row("Environment", environment.name()),
                row("Profiles", String.join(", ", Arrays.asList(spring.getActiveProfiles()))),
                row("Health", String.valueOf(health.health().getStatus())),
                row("Java", Runtime.version().toString()),
                row("Uptime", TimeFormats.duration(uptime.truncatedTo(ChronoUnit.MINUTES))));
    }

    private static Div row(String label, String value) {
        return PropertyRow.of(label, value);
    }
}
