package dev.periscope.logs.bench;

import dev.periscope.audit.AuditTrail;
import dev.periscope.cli.CliCommand;
import dev.periscope.masking.Masker;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bench logs [--events N] [--queries N] [--warmup N] [--seed N] [--dir PATH] [--keep]}: runs {@link LogsBench}
 * with the portal's own masking engine and audit trail, so the figures include them. They are found as
 * {@link ServiceLoader} providers, else in the application context started without the web server.
 */
public final class LogsBenchCommand implements CliCommand {

    private final Class<?> application;

    /** @param application the Spring Boot application class, to find the masking engine and audit trail in */
    public LogsBenchCommand(Class<?> application) {
        this.application = application;
    }

    /** What a bench runs with the portal's masking engine and audit trail. */
    interface WithParts {
        void run(Masker masker, AuditTrail audit) throws Exception;
    }

    /**
     * Runs a bench with the portal's own masking engine and audit trail: {@link ServiceLoader} providers if there are
     * any, else those of the application context, started without the web server and with data under {@code work}.
     */
    static void withPortalParts(Class<?> application, Path work, WithParts bench) throws Exception {
        Optional<Masker> masker = ServiceLoader.load(Masker.class).findFirst();
        Optional<AuditTrail> audit = ServiceLoader.load(AuditTrail.class).findFirst();
        if (masker.isPresent() && audit.isPresent()) {
            bench.run(masker.get(), audit.get());
            return;
        }
        // The demo profile generates a throw-away token key and checkpoint key under the work directory: the bench
        // masks synthetic events only, and must not need (or touch) a production key. Without a web server, the
        // UI's auto-configuration (Vaadin) has nothing to configure. The settings are passed as command-line
        // arguments: as default properties the demo profile would override them, and its demo traffic would then
        // write and its ingest index in the measured process.
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .profiles("demo")
                .run("--periscope.ingest.enabled=false", "--periscope.demo.traffic.enabled=false",
                        "--periscope.metrics.demo.enabled=false",
                        "--spring.autoconfigure.exclude=com.vaadin.flow.spring.SpringBootAutoConfiguration,"
                                + "com.vaadin.flow.spring.SpringSecurityAutoConfiguration",
                        "--periscope.data.directory=" + work.resolve("portal-data"),
                        "--spring.main.banner-mode=off", "--logging.level.root=warn")) {
            bench.run(context.getBean(Masker.class), context.getBean(AuditTrail.class));
        }
    }

    @Override
    public List<String> words() {
        return List.of("bench", "logs");
    }

    @Override
    public String summary() {
        return "generate, ingest and query log events; print ingest rate and query latency "
                + "(--events N --queries N --dir PATH --keep)";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        long events = 1_000_000;
        int queries = 500;
        int warmup = 100;
        long seed = 42;
        Path dir = null;
        boolean keep = false;
        try {
            for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
                String arg = it.next();
                switch (arg) {
                    case "--events" -> events = Long.parseLong(it.next().replace("_", ""));
                    case "--queries" -> queries = Integer.parseInt(it.next());
                    case "--warmup" -> warmup = Integer.parseInt(it.next());
                    case "--seed" -> seed = Long.parseLong(it.next());
                    case "--dir" -> dir = Path.of(it.next());
                    case "--keep" -> keep = true;
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
        } catch (RuntimeException e) {
            err.println("bench logs: " + e.getMessage());
            err.println("usage: bench logs " + summary());
            return 2;
        }
        try {
            Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("periscope-bench-logs");
            LogsBench.Options options = new LogsBench.Options(events, work, queries, warmup, seed, keep);
            withPortalParts(application, work, (masker, audit) -> new LogsBench(options, masker, audit, out).run());
            if (!keep) {
                // The portal's data (audit trail, keys) is closed only now, with its application context.
                Path portalData = work.resolve("portal-data");
                LogsBench.delete(dir == null ? work : portalData);
            }
            return 0;
        } catch (org.springframework.beans.BeansException e) {
            err.println("bench logs: the masking engine and the audit trail are needed to measure the service layer,"
                    + " and could not be started: " + e.getClass().getSimpleName());
            return 3;
        } catch (Exception e) {
            err.println("bench logs failed: " + e);
            return 1;
        }
    }
}
