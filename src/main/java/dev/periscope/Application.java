package dev.periscope;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.lumo.Lumo;
import dev.periscope.cli.CliCommand;
import dev.periscope.logs.bench.LogsBenchCommand;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The web application, and the command-line entry for the tools that must run without the web server.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles.css")
@Push // live tail and background searches update the page without waiting for the next click
public class Application implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        // Without an icon link the browser asks for /favicon.ico on every page, and the tab has no mark to find it by.
        settings.addFavIcon("icon", "favicon.svg", "any");
    }

    /** Commands available as {@code java -jar periscope.jar <words...>}. */
    static List<CliCommand> commands() {
        return List.of(
                new dev.periscope.audit.AuditVerifyCommand(),
                new dev.periscope.masking.MaskCommand(),
                new LogsBenchCommand(Application.class),
                new dev.periscope.logs.bench.StoresBenchCommand(Application.class));
    }

    public static void main(String[] args) {
        Optional<CliCommand> command = findCommand(args);
        if (command.isPresent()) {
            CliCommand cli = command.get();
            List<String> rest = Arrays.asList(args).subList(cli.words().size(), args.length);
            System.exit(cli.run(rest, System.in, System.out, System.err));
        }
        if (args.length > 0 && !args[0].startsWith("-")) {
            System.err.println("Unknown command: " + String.join(" ", args));
            System.err.println(usage());
            System.exit(2);
        }
        SpringApplication.run(Application.class, args);
    }

    static Optional<CliCommand> findCommand(String[] args) {
        return commands().stream()
                .filter(c -> args.length >= c.words().size()
                        && Arrays.asList(args).subList(0, c.words().size()).equals(c.words()))
                .findFirst();
    }

    static String usage() {
        StringBuilder usage = new StringBuilder("Usage: java -jar periscope.jar [command]\n"
                + "  (no command)  start the web portal\n");
        for (CliCommand c : commands()) {
            usage.append("  ").append(String.join(" ", c.words())).append("  ").append(c.summary()).append('\n');
        }
        return usage.toString();
    }
}
