package dev.periscope.logs.bench;

import dev.periscope.audit.RecordingAuditTrail;
import dev.periscope.masking.FakeMasker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs the logs bench from the test class path, with the test masking engine (regular expressions for emails and
 * card numbers) and an in-memory audit trail: {@code ./mvnw -o test -Dtest=LogsBenchRun -Dbench.events=1000000}.
 */
class LogsBenchRun {

    @Test
    @EnabledIfSystemProperty(named = "bench.events", matches = "\\d+")
    void runs_the_logs_bench() throws Exception {
        long events = Long.parseLong(System.getProperty("bench.events"));
        Path dir = Files.createTempDirectory("periscope-logs-bench");
        try {
            new LogsBench(new LogsBench.Options(events, dir, Integer.getInteger("bench.queries", 500),
                    Integer.getInteger("bench.warmup", 100), Long.getLong("bench.seed", 42L), false),
                    new FakeMasker(), new NoOpAudit(), System.out).run();
        } finally {
            LogsBench.delete(dir);
        }
    }

    /** Records nothing: the audit trail's own cost belongs to the audit benchmark. */
    static final class NoOpAudit implements dev.periscope.audit.AuditTrail {
        private final RecordingAuditTrail ids = new RecordingAuditTrail();

        @Override
        public dev.periscope.audit.AuditReceipt begin(dev.periscope.audit.AuditEntry entry) {
            return new dev.periscope.audit.AuditReceipt("bench");
        }

        @Override
        public void complete(dev.periscope.audit.AuditReceipt receipt, dev.periscope.audit.AuditOutcome outcome) {
        }

        @Override
        public void record(dev.periscope.audit.AuditEntry entry) {
        }
    }
}
