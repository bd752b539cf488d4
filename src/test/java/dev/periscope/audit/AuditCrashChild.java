package dev.periscope.audit;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A writer run in its own JVM by {@link AuditCrashTest} and killed with SIGKILL. Prints {@code ACK <id>} for every
 * begin() that returned, i.e. every read that would have been allowed to return results.
 *
 * <p>Arguments: audit directory, key file, number of threads.
 */
public final class AuditCrashChild {

    private AuditCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        CheckpointKey key = CheckpointKey.load(Path.of(args[1]));
        int threads = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        AuditStore store = AuditStore.open(AuditFixtures.settings(dir, 64 * 1024), Optional.of(key),
                Duration.ofMillis(200), null, Clock.systemUTC());
        out.println("READY");
        out.flush();
        for (int t = 0; t < threads; t++) {
            String user = "user" + t;
            Thread.ofPlatform().start(() -> {
                for (int n = 0; ; n++) {
                    AuditReceipt receipt = store.trail().begin(AuditFixtures.search(user, "n:" + n));
                    synchronized (out) {
                        out.println("ACK " + receipt.recordId());
                        out.flush();
                    }
                    store.trail().complete(receipt, AuditFixtures.outcome(n));
                }
            });
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
