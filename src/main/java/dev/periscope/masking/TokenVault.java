package dev.periscope.masking;

import java.util.List;

/**
 * Maps tokens back to the values they stand for, server-side only. Entries are encrypted at rest and expire.
 *
 * <p>Two uses: search by token (the service swaps the values in before it queries the store, and never returns
 * them) and audited reveal under an approved grant. A value read from here must never be logged, put in a URL or
 * sent to a client without that grant.
 */
public interface TokenVault {

    /** Records that {@code token} stands for {@code value}; cheap when the pair is already known. */
    void remember(String token, String value);

    /**
     * The values a token stands for (usually one; a short token can collide), or an empty list when the token is
     * unknown or expired.
     */
    List<String> resolve(String token);
}
