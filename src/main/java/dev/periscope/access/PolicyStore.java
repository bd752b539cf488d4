package dev.periscope.access;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the policy in force and reloads it when its file changes. A file that fails to parse is refused and the
 * policy in force stays; if no valid policy was ever loaded, the policy is {@link AccessPolicy#DENY_ALL}.
 */
public final class PolicyStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PolicyStore.class);

    /** What the store last did, for the admin page and the audit trail. */
    public record Status(String source, Instant loadedAt, Optional<String> lastError) {
    }

    private final AtomicReference<AccessPolicy> policy = new AtomicReference<>(AccessPolicy.DENY_ALL);
    private final AtomicReference<Status> status;
    private final @Nullable Path file;
    private final Clock clock;
    private final Consumer<Status> onReload;
    private @Nullable WatchService watcher;

    private PolicyStore(@Nullable Path file, Clock clock, Consumer<Status> onReload) {
        this.file = file;
        this.clock = clock;
        this.onReload = onReload;
        this.status = new AtomicReference<>(new Status("(none)", clock.instant(), Optional.of("no policy loaded")));
    }

    /** A store for a policy file, watched for changes. */
    public static PolicyStore watching(Path file, Clock clock, Consumer<Status> onReload) {
        PolicyStore store = new PolicyStore(file, clock, onReload);
        store.reload();
        store.startWatching();
        return store;
    }

    /** A store for a fixed policy bundled with the application (the demo policy). */
    public static PolicyStore bundled(String resource, Clock clock) {
        PolicyStore store = new PolicyStore(null, clock, s -> { });
        try (InputStream in = PolicyStore.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing bundled policy " + resource);
            }
            store.install(PolicyParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable bundled policy " + resource, e);
        }
        return store;
    }

    /** A store that denies everything: used when no policy is configured. */
    public static PolicyStore denyAll(Clock clock) {
        return new PolicyStore(null, clock, s -> { });
    }

    public AccessPolicy current() {
        return policy.get();
    }

    public Status status() {
        return status.get();
    }

    /** Re-reads the policy file; returns false (keeping the policy in force) when it is invalid or unreadable. */
    public synchronized boolean reload() {
        if (file == null) {
            return false;
        }
        try {
            install(PolicyParser.parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString()));
            onReload.accept(status.get());
            return true;
        } catch (PolicyException e) {
            refuse(e.getMessage());
        } catch (IOException e) {
            refuse(file.getFileName() + ": cannot read the policy file (" + e.getClass().getSimpleName() + ")");
        }
        return false;
    }

    private void install(AccessPolicy loaded) {
        policy.set(loaded);
        status.set(new Status(loaded.source(), clock.instant(), Optional.empty()));
        log.info("Access policy loaded from {} ({} roles)", loaded.source(), loaded.roles().size());
    }

    private void refuse(String reason) {
        Status previous = status.get();
        status.set(new Status(previous.source(), previous.loadedAt(), Optional.of(reason)));
        log.error("Access policy refused, the policy in force stays: {}", reason);
        onReload.accept(status.get());
    }

    private void startWatching() {
        Path dir = file == null ? null : file.toAbsolutePath().getParent();
        if (dir == null) {
            return;
        }
        try {
            watcher = dir.getFileSystem().newWatchService();
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            log.warn("Cannot watch the policy file for changes; restart to apply edits", e);
            return;
        }
        Thread.ofPlatform().daemon().name("policy-watcher").start(this::watchLoop);
    }

    private void watchLoop() {
        WatchService w = watcher;
        try {
            while (w != null) {
                WatchKey key = w.take();
                boolean ours = key.pollEvents().stream()
                        .anyMatch(e -> file != null && file.getFileName().equals(e.context()));
                key.reset();
                if (ours) {
                    reload();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // shutting down
        }
    }

    @Override
    public void close() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
    }
}
