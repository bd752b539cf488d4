/**
 * The auditor's workspace: search over the audit trail, the integrity panel, the riskiest events, grant history and
 * export. API: {@link dev.periscope.auditor.AuditorWorkspace}. It lives apart from {@code audit} because it needs the
 * signed-in user and access grants, and {@code security} and {@code access} already depend on {@code audit}.
 */
@NullMarked
package dev.periscope.auditor;

import org.jspecify.annotations.NullMarked;
