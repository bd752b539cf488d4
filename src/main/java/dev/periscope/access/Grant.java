package dev.periscope.access;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Elevated access in force: what it covers and until when. Expiry is checked on every request, server-side.
 *
 * @param requestId the request it came from (also the grant's id in audit records)
 * @param userId whom it was granted to
 * @param kind what it widens
 * @param services the services it covers
 * @param categories for {@link GrantKind#UNMASK}: the masking categories shown unmasked
 * @param tokens for {@link GrantKind#REVEAL}: the tokens whose values may be revealed
 * @param startsAt when it took effect
 * @param expiresAt when it ends
 * @param emergency true for a break-glass self-grant awaiting review
 */
public record Grant(String requestId, String userId, GrantKind kind, List<String> services, Set<String> categories,
        Set<String> tokens, Instant startsAt, Instant expiresAt, boolean emergency) {

    public Grant {
        services = List.copyOf(services);
        categories = Set.copyOf(categories);
        tokens = Set.copyOf(tokens);
    }

    public boolean activeAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(expiresAt);
    }

    /** A one-line description for banners and notifications, e.g. "payments (read)". */
    public String summary() {
        return switch (kind) {
            case SERVICE -> String.join(", ", services);
            case UNMASK -> String.join(", ", categories) + " unmasked on " + String.join(", ", services);
            case REVEAL -> tokens.size() + " token(s) revealable on " + String.join(", ", services);
        };
    }
}
