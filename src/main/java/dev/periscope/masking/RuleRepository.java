package dev.periscope.masking;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule set in force, reloaded when the rule files change.
 *
 * <p>Never fails open: the first load must succeed (or the portal does not start), and a later load that fails
 * leaves the rule set in force as it was, with the error (file, line, reason) logged and kept for the admin view.
 */
final class RuleRepository implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RuleRepository.class);

    private final Path directory;
    private final RuleLoader loader;
    private final AtomicReference<CompiledRules> current = new AtomicReference<>();
    private final AtomicReference<@Nullable RuleLoadException> lastError = new AtomicReference<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile @Nullable WatchService watcher;
    private volatile @Nullable Thread thread;
    private volatile Consumer<RulesReloaded> listener = reloaded -> { };

    RuleRepository(Path directory, RuleLoader loader) throws RuleLoadException {
        this.directory = directory;
        this.loader = loader;
        current.set(new CompiledRules(loader.load(directory)));
        generation.incrementAndGet();
    }

    CompiledRules current() {
        return current.get();
    }

    /** How many rule sets have come into force; grows by one with each successful reload. */
    long generation() {
        return generation.get();
    }

    /** Why the last reload was refused, if it was. */
    Optional<RuleLoadException> lastError() {
        return Optional.ofNullable(lastError.get());
    }

    /** Who is told about each reload attempt (the audit trail, through an application event). */
    void onReload(Consumer<RulesReloaded> listener) {
        this.listener = listener;
    }

    /** Loads the directory again; returns true when a new rule set is in force. */
    synchronized boolean reload() {
        boolean loaded = false;
        try {
            RuleSet set = loader.load(directory);
            current.set(new CompiledRules(set));
            lastError.set(null);
            generation.incrementAndGet();
            log.info("Masking rules reloaded from {}: {} rules {}", directory, set.rules().size(),
                    set.countByCategory());
            loaded = true;
        } catch (RuleLoadException e) {
            lastError.set(e);
            log.error("Masking rules NOT reloaded, the previous rule set stays in force: {}", e.getMessage());
        } catch (RuntimeException e) {
            lastError.set(new RuleLoadException(directory.toString(), 0, e.toString()));
            log.error("Masking rules NOT reloaded, the previous rule set stays in force", e);
        }
        try {
            listener.accept(new RulesReloaded(directory.toString(), current.get().ruleSet.rules().size(),
                    Optional.ofNullable(lastError.get()).map(RuleLoadException::getMessage)));
        } catch (RuntimeException e) {
            log.error("A masking rule reload could not be reported", e);
        }
        return loaded;
    }

    /** Starts a daemon thread that reloads the rules when a file in the directory changes. */
    synchronized void startWatching() throws IOException {
        if (thread != null) {
            return;
        }
        WatchService ws = FileSystems.getDefault().newWatchService();
        directory.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        watcher = ws;
        Thread t = new Thread(() -> watch(ws), "masking-rules-watch");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    private void watch(WatchService ws) {
        try {
            while (true) {
                WatchKey key = ws.take();
                // Editors write a file in several steps: wait for the burst to end, then load once.
                Thread.sleep(150);
                WatchKey more;
                while ((more = ws.poll(150, TimeUnit.MILLISECONDS)) != null) {
                    more.pollEvents();
                    more.reset();
                }
                key.pollEvents();
                key.reset();
                reload();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        WatchService ws = watcher;
        if (ws != null) {
            ws.close();
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        watcher = null;
        thread = null;
    }
}
