/**
 * The audit trail: every read, refusal and access change, recorded before results are returned.
 *
 * <p>API: {@link dev.periscope.audit.AuditTrail} (record), {@link dev.periscope.audit.AuditVerifier} and
 * {@link dev.periscope.audit.AuditIntegrity} (prove the record intact), {@link dev.periscope.audit.AuditSearch}
 * (the auditor's search). The store is a hash chain of JSON-line segments with signed checkpoints; see
 * {@code docs/decisions/audit-chain.md}.
 */
@NullMarked
package dev.periscope.audit;

import org.jspecify.annotations.NullMarked;
