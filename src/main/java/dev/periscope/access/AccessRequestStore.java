package dev.periscope.access;

import dev.periscope.files.ReplaceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access requests, kept in memory and written through to one JSON file (atomically, on every change), so grants
 * survive a restart. Volumes are small: requests are made by people, not machines.
 *
 * <p>Several portal replicas may share the directory (a shared volume): every change takes an exclusive file lock,
 * re-reads the file if another replica changed it, applies the change and writes the file back, so no change is
 * lost; reads re-read the file when its modification time or size moved. An approval on one replica therefore
 * widens the requester's scope on every replica at their next request.
 */
class AccessRequestStore {

    private static final TypeReference<List<AccessRequest>> LIST = new TypeReference<>() { };

    private volatile Map<String, AccessRequest> requests = Map.of();
    private final Path file;
    private final Path lockFile;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private volatile FileVersion loaded = FileVersion.NONE;

    /** What identifies the file's content cheaply: a change by another replica moves one or the other. */
    private record FileVersion(long modifiedNanos, long size) {
        static final FileVersion NONE = new FileVersion(-1, -1);
    }

    AccessRequestStore(Path directory) {
        this.file = directory.resolve("access-requests.json");
        this.lockFile = directory.resolve("access-requests.lock");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        reloadIfChanged();
    }

    Optional<AccessRequest> find(String id) {
        reloadIfChanged();
        return Optional.ofNullable(requests.get(id));
    }

    List<AccessRequest> all() {
        reloadIfChanged();
        return sorted(requests);
    }

    synchronized void save(AccessRequest request) {
        change(map -> map.put(request.id(), request));
    }

    /** Applies a change to one request atomically with respect to other changes, on this replica and others. */
    synchronized Optional<AccessRequest> update(String id, UnaryOperator<AccessRequest> change) {
        java.util.concurrent.atomic.AtomicReference<AccessRequest> changed = new java.util.concurrent.atomic.AtomicReference<>();
        change(map -> {
            AccessRequest current = map.get(id);
            if (current != null) {
                changed.set(change.apply(current));
                map.put(id, changed.get());
            }
        });
        return Optional.ofNullable(changed.get());
    }

    /** File locks are held per process; stores of one process on the same file also take turns here. */
    private static final Map<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

    private void change(java.util.function.Consumer<Map<String, AccessRequest>> change) {
        synchronized (IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), k -> new Object())) {
            changeLocked(change);
        }
    }

    private void changeLocked(java.util.function.Consumer<Map<String, AccessRequest>> change) {
        try (FileChannel lock = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = lock.lock()) {
            reloadIfChanged();
            Map<String, AccessRequest> next = new ConcurrentHashMap<>(requests);
            change.accept(next);
            persist(next);
            requests = next;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private synchronized void reloadIfChanged() {
        try {
            FileVersion onDisk = version();
            if (onDisk.equals(loaded)) {
                return;
            }
            Map<String, AccessRequest> read = new ConcurrentHashMap<>();
            if (Files.exists(file)) {
                for (AccessRequest r : json.readValue(file.toFile(), LIST)) {
                    read.put(r.id(), r);
                }
            }
            requests = read;
            loaded = onDisk;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private FileVersion version() throws IOException {
        if (!Files.exists(file)) {
            return FileVersion.NONE;
        }
        return new FileVersion(Files.getLastModifiedTime(file).to(java.util.concurrent.TimeUnit.NANOSECONDS), Files.size(file));
    }

    private void persist(Map<String, AccessRequest> all) throws IOException {
        ReplaceFile.with(file, json.writeValueAsBytes(sorted(all)));
        loaded = version();
    }

    private static List<AccessRequest> sorted(Map<String, AccessRequest> requests) {
        return requests.values().stream().sorted(Comparator.comparing(AccessRequest::createdAt).reversed()).toList();
    }
}
