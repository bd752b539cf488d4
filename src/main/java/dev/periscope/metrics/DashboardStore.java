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
import java.util.stream.Stream;

/**
 * The dashboards of one directory, provisioned as Grafana does it: every {@code *.yaml} or {@code *.yml} file is
 * one dashboard, named by its file. The directory is looked at again whenever a file was added, changed or removed,
 * so edits show on the next page load; a file that fails to parse is listed with its error, the others stay.
 */
final class DashboardStore {

    /** The dashboards that parsed, and the errors of those that did not. */
    record Snapshot(List<Dashboard> dashboards, List<String> errors) {
        Snapshot {
            dashboards = List.copyOf(dashboards);
            errors = List.copyOf(errors);
        }
    }

    private final Path directory;
    private Map<Path, FileTime> seen = Map.of();
    private Snapshot snapshot = new Snapshot(List.of(), List.of());

    DashboardStore(Path directory) {
        this.directory = directory;
    }

    synchronized Snapshot current() {
        Map<Path, FileTime> now = scan();
        if (!now.equals(seen)) {
            snapshot = load(now.keySet().stream().sorted().toList());
            seen = now;
        }
        return snapshot;
    }

    private Map<Path, FileTime> scan() {
        if (!Files.isDirectory(directory)) {
            return Map.of();
        }
        var files = new LinkedHashMap<Path, FileTime>();
        try (Stream<Path> list = Files.list(directory)) {
            for (Path p : list.sorted(Comparator.naturalOrder()).toList()) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"))) {
                    files.put(p, Files.getLastModifiedTime(p));
                }
            }
        } catch (IOException e) {
            return seen;
        }
        return files;
    }

    private Snapshot load(List<Path> files) {
        var dashboards = new ArrayList<Dashboard>();
        var errors = new ArrayList<String>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String id = name.substring(0, name.lastIndexOf('.'));
            try {
                if (!id.matches("[a-zA-Z0-9._-]{1,100}")) {
                    throw new DashboardException(name, 0, "a dashboard file name may use letters, digits, . _ and -");
                }
                dashboards.add(DashboardParser.parse(id, Files.readString(file, StandardCharsets.UTF_8), name));
            } catch (DashboardException e) {
                errors.add(e.getMessage());
            } catch (IOException | RuntimeException e) {
                errors.add(name + ": could not be read");
            }
        }
        return new Snapshot(dashboards, errors);
    }
}
