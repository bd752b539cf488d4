package dev.periscope.metrics;

import dev.periscope.audit.AuditEntry;

/**
 * What every metrics read of one user takes: who reads (for the audit) and the scope their roles and grants allow.
 *
 * @param actor the reader, as the audit trail records them
 * @param scope the series they may read, as matchers the service injects into every selector
 * @param narrowed whether some of their roles or grants could not be combined into one scope and were left out,
 *     so they see less than the policy would allow (never more); the view says so
 */
public record MetricAccess(AuditEntry.Actor actor, MetricScope scope, boolean narrowed) {
}
