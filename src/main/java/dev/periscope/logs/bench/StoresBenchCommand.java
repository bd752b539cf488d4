package dev.periscope.logs.bench;

import dev.periscope.cli.CliCommand;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * {@code bench stores --elasticsearch URL [--events N] [--queries N] [--warmup N] [--seed N] [--dir PATH]
 * [--request-caches on|off]}: runs
 * {@link StoresBench}, the embedded store beside an Elasticsearch node, with the portal's masking engine and audit
 * trail. Opt-in only: it needs a cluster it may fill and empty (index {@code periscope-bench}).
 */
public final class StoresBenchCommand implements CliCommand {

    private final Class<?> application;

    public StoresBenchCommand(Class<?> application) {
        this.application = application;
    }

    @Override
    public List<String> words() {
        return List.of("bench", "stores");
    }

    @Override
    public String summary() {
        return "the embedded store and Elasticsearch side by side: ingest rate, query latency through the service "
                + "and raw (--elasticsearch URL --events N --queries N --dir PATH --request-caches on|off)";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        long events = 2_000_000;
        int queries = 200;
        int warmup = 50;
        long seed = 42;
        Path dir = null;
        URI elasticsearch = null;
        boolean requestCaches = true;
        try {
            for (Iterator<String> it = args.iterator(); it.hasNext(); ) {
                String arg = it.next();
                switch (arg) {
                    case "--events" -> events = Long.parseLong(it.next().replace("_", ""));
                    case "--queries" -> queries = Integer.parseInt(it.next());
                    case "--warmup" -> warmup = Integer.parseInt(it.next());
                    case "--seed" -> seed = Long.parseLong(it.next());
                    case "--dir" -> dir = Path.of(it.next());
                    case "--elasticsearch" -> elasticsearch = URI.create(it.next());
                    case "--request-caches" -> requestCaches = switch (it.next()) {
                        case "on" -> true;
                        case "off" -> false;
                        default -> throw new IllegalArgumentException("--request-caches takes on or off");
                    };
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (elasticsearch == null) {
                throw new IllegalArgumentException("--elasticsearch URL is required");
            }
        } catch (RuntimeException e) {
            err.println("bench stores: " + e.getMessage());
            err.println("usage: bench stores " + summary());
            return 2;
        }
        try {
            Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("periscope-bench-stores");
            StoresBench.Options options = new StoresBench.Options(events, work, elasticsearch, queries, warmup, seed,
                    requestCaches);
            try {
                LogsBenchCommand.withPortalParts(application, work,
                        (masker, audit) -> new StoresBench(options, masker, audit, out).run());
            } finally {
                if (dir == null) {
                    // A directory of its own (generated files and a Lucene index, about 0.5 GiB per million events).
                    LogsBench.delete(work);
                }
            }
            return 0;
        } catch (Exception e) {
            err.println("bench stores failed: " + e);
            return 1;
        }
    }
}
