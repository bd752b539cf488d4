package dev.periscope.audit;

import java.util.Map;

/**
 * What a read returned, for the record: never the values themselves.
 *
 * @param count events, series or rows returned
 * @param bytes size of the masked response
 * @param durationMillis how long the read took
 * @param rulesFired masking rule id to how often it fired in this result
 * @param withheld how many items were withheld because masking failed
 */
public record AuditOutcome(long count, long bytes, long durationMillis, Map<String, Long> rulesFired, long withheld) {
    public AuditOutcome {
        rulesFired = Map.copyOf(rulesFired);
    }
}
