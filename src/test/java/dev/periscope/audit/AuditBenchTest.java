package dev.periscope.audit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** Runs {@link AuditBench} from Maven when asked to with {@code -Dperiscope.bench=true}; skipped otherwise. */
class AuditBenchTest {

    @Test
    void measures_begin_latency_under_concurrency() throws Exception {
        assumeTrue(Boolean.getBoolean("periscope.bench"), "bench runs only with -Dperiscope.bench=true");
        AuditBench.run(System.out);
    }
}
