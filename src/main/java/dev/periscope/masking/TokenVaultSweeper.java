package dev.periscope.masking;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired token-vault entries at a fixed delay, on its own daemon thread. Reading an expired entry already
 * ignores it; the sweep is what keeps entries that are never read again from staying on disk past their time to
 * live. Any replica may sweep: deleting an entry another replica already deleted is harmless.
 */
final class TokenVaultSweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TokenVaultSweeper.class);

    private final DirectoryTokenVault vault;
    private final ScheduledExecutorService executor;

    TokenVaultSweeper(DirectoryTokenVault vault, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("token vault sweep interval must be positive, was " + interval);
        }
        this.vault = vault;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "token-vault-sweep");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::sweepOnce, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One sweep; a failure is logged and the next sweep tries again, since a failing sweep must not stop the rest. */
    void sweepOnce() {
        try {
            int removed = vault.sweep();
            if (removed > 0) {
                log.info("Token vault sweep removed {} expired entries", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Token vault sweep failed, will retry: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
