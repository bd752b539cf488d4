package dev.periscope.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One audited action, as the caller knows it before the action runs.
 *
 * @param actor who acts
 * @param action what they do, e.g. {@code logs.search}, {@code logs.export}, {@code access.denied}
 * @param target which backend, services and time range the action touches
 * @param maskedQuery the query text, already masked (people paste secrets into search boxes)
 * @param decision allowed, denied, or refused as a probe
 * @param reason why the decision was taken, or the user's stated reason
 * @param grantId the access grant that made the action possible, if any
 */
public record AuditEntry(
        Actor actor,
        String action,
        Target target,
        String maskedQuery,
        Decision decision,
        String reason,
        Optional<String> grantId) {

    public enum Decision { ALLOWED, DENIED, PROBE_REFUSED, FAILED }

    /**
     * @param userId stable user id (subject)
     * @param roles roles in force for this action
     * @param session a session identifier (hashed by the store, never the raw cookie)
     * @param clientAddress the client's address
     * @param userAgent the client's user agent
     */
    public record Actor(String userId, List<String> roles, String session, String clientAddress, String userAgent) {
        public Actor {
            roles = List.copyOf(roles);
        }
    }

    /**
     * @param backend e.g. {@code lucene}, {@code elasticsearch}, {@code prometheus}; empty for non-data actions
     * @param services the services in scope after the guard rewrote the query
     * @param from start of the queried range, if any
     * @param to end of the queried range, if any
     */
    public record Target(String backend, List<String> services, Optional<Instant> from, Optional<Instant> to) {
        public Target {
            services = List.copyOf(services);
        }

        public static Target none() {
            return new Target("", List.of(), Optional.empty(), Optional.empty());
        }
    }
}
