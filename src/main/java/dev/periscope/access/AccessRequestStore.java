package dev.periscope.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * Access requests, kept in memory and written through to one JSON file under the data directory (atomically, on
 * every change), so grants survive a restart. Volumes are small: requests are made by people, not machines.
 */
class AccessRequestStore {

    private static final TypeReference<List<AccessRequest>> LIST = new TypeReference<>() { };

    private final Map<String, AccessRequest> requests = new ConcurrentHashMap<>();
    private final Path file;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    AccessRequestStore(Path directory) {
        this.file = directory.resolve("access-requests.json");
        try {
            Files.createDirectories(directory);
            if (Files.exists(file)) {
                for (AccessRequest r : json.readValue(file.toFile(), LIST)) {
                    requests.put(r.id(), r);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    Optional<AccessRequest> find(String id) {
        return Optional.ofNullable(requests.get(id));
    }

    List<AccessRequest> all() {
        return requests.values().stream().sorted(Comparator.comparing(AccessRequest::createdAt).reversed()).toList();
    }

    synchronized void save(AccessRequest request) {
        requests.put(request.id(), request);
        persist();
    }

    /** Applies a change to one request atomically with respect to other changes. */
    synchronized Optional<AccessRequest> update(String id, UnaryOperator<AccessRequest> change) {
        AccessRequest current = requests.get(id);
        if (current == null) {
            return Optional.empty();
        }
        AccessRequest changed = change.apply(current);
        requests.put(id, changed);
        persist();
        return Optional.of(changed);
    }

    private void persist() {
        try {
            Path tmp = Files.createTempFile(file.getParent(), "access", ".tmp");
            json.writeValue(tmp.toFile(), all());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
