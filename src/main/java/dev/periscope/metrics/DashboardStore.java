package dev.periscope.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The dashboards of one directory, provisioned as Grafana does it: every {@code *.yaml} or {@code *.yml} file is
 * one dashboard, named by its file. The directory is looked at again whenever a file was added, changed or removed,
 * so edits show on the next page load; a file that fails to parse is listed with its error, the others stay. The
 * dashboards packaged in the application are read once instead ({@link #fixed}): they cannot change.
 */
final class DashboardStore {

    /**
     * The dashboards that parsed, the errors of those that did not, and whether the configured directory is missing:
     * that is a setting to fix, not a file, so it is not among the errors.
     */
    record Snapshot(List<Dashboard> dashboards, List<String> errors, boolean directoryMissing) {
        Snapshot {
            dashboards = List.copyOf(dashboards);
            errors = List.copyOf(errors);
        }

        Snapshot(List<Dashboard> dashboards, List<String> errors) {
            this(dashboards, errors, false);
        }
    }

    private final @Nullable Path directory;
    private final boolean required;
    private Map<Path, FileTime> seen = Map.of();
    private Snapshot snapshot = new Snapshot(List.of(), List.of());

    /** The dashboards of a directory; a missing directory has none. */
    DashboardStore(Path directory) {
        this(directory, false);
    }

    private DashboardStore(@Nullable Path directory, boolean required) {
        this.directory = directory;
        this.required = required;
    }

    /**
     * The dashboards of a directory someone configured: while it is missing, the listing says so rather than
     * looking like a portal without dashboards.
     */
    static DashboardStore configured(Path directory) {
        return new DashboardStore(directory, true);
    }

    /** Dashboards parsed once from their files' text, by file name. */
    static DashboardStore fixed(SequencedMap<String, String> files) {
        DashboardStore store = new DashboardStore(null, false);
        var dashboards = new ArrayList<Dashboard>();
        var errors = new ArrayList<String>();
        files.forEach((name, text) -> parse(name, text, dashboards, errors));
        store.snapshot = new Snapshot(dashboards, errors);
        return store;
    }

    synchronized Snapshot current() {
        if (directory == null) {
            return snapshot;
        }
        if (required && !Files.isDirectory(directory)) {
            seen = Map.of();
            snapshot = new Snapshot(List.of(), List.of(), true);
            return snapshot;
        }
        Map<Path, FileTime> now = scan(directory);
        if (!now.equals(seen)) {
            snapshot = load(now.keySet().stream().sorted().toList());
            seen = now;
        }
        return snapshot;
    }

    private Map<Path, FileTime> scan(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Map.of();
        }
        var files = new LinkedHashMap<Path, FileTime>();
        try (Stream<Path> list = Files.list(directory)) {
            for (Path p : list.sorted(Comparator.naturalOrder()).toList()) {
                if (Files.isRegularFile(p) && isDashboardFile(p.getFileName().toString())) {
                    files.put(p, Files.getLastModifiedTime(p));
                }
            }
        } catch (IOException e) {
            return seen;
        }
        return files;
    }

    static boolean isDashboardFile(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static Snapshot load(List<Path> files) {
        var dashboards = new ArrayList<Dashboard>();
        var errors = new ArrayList<String>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            try {
                parse(name, Files.readString(file, StandardCharsets.UTF_8), dashboards, errors);
            } catch (IOException | RuntimeException e) {
                errors.add(name + ": could not be read");
            }
        }
        return new Snapshot(dashboards, errors);
    }

    private static void parse(String name, String text, List<Dashboard> dashboards, List<String> errors) {
        String id = name.substring(0, name.lastIndexOf('.'));
        try {
            if (!id.matches("[a-zA-Z0-9._-]{1,100}")) {
                throw new DashboardException(name, 0, "a dashboard file name may use letters, digits, . _ and -");
            }
            dashboards.add(DashboardParser.parse(id, text, name));
        } catch (DashboardException e) {
            errors.add(e.getMessage());
        } catch (RuntimeException e) {
            errors.add(name + ": could not be read");
        }
    }
}
