package dev.periscope.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The OIDC provider, discovered on first use instead of at start-up, and watched while the portal runs.
 *
 * <p>Why: resolving the issuer eagerly makes the portal refuse to start while the IdP is down, and a cached discovery
 * alone would send browsers on to a dead IdP. Instead the portal starts, shows a clear "sign-in unavailable" page
 * while the IdP does not answer, and recovers by itself. Nothing is shown without login meanwhile.
 *
 * <p>Attempts are throttled, and only one request at a time talks to the IdP; the others use the last known answer,
 * so a hanging IdP cannot pile up request threads.
 */
final class IdentityProvider {

    private static final Logger log = LoggerFactory.getLogger(IdentityProvider.class);

    /** What discovery yields: the browser login's client registration and the API's token decoder. */
    record Discovered(ClientRegistration registration, JwtDecoder decoder) {
    }

    private final String issuer;
    private final Supplier<Discovered> discovery;
    private final BooleanSupplier probe;
    private final Duration recheckEvery;
    private final Clock clock;
    private final ReentrantLock talking = new ReentrantLock();

    private volatile @Nullable Discovered discovered;
    private volatile boolean reachable;
    private volatile Instant nextCheck = Instant.MIN;

    IdentityProvider(String issuer, Supplier<Discovered> discovery, BooleanSupplier probe, Duration recheckEvery, Clock clock) {
        this.issuer = issuer;
        this.discovery = discovery;
        this.probe = probe;
        this.recheckEvery = recheckEvery;
        this.clock = clock;
    }

    String issuer() {
        return issuer;
    }

    /** The discovered provider, once it has answered at least once. Discovery results are kept for good. */
    Optional<Discovered> discovered() {
        Discovered known = discovered;
        if (known == null) {
            check();
        }
        return Optional.ofNullable(discovered);
    }

    /** Whether a browser sent to the IdP now would find it: discovered, and answering at the last (recent) check. */
    boolean answering() {
        check();
        return discovered != null && reachable;
    }

    private void check() {
        if (clock.instant().isBefore(nextCheck) || !talking.tryLock()) {
            return;
        }
        try {
            if (clock.instant().isBefore(nextCheck)) {
                return;
            }
            boolean first = nextCheck.equals(Instant.MIN);
            boolean was = reachable;
            reachable = discovered == null ? discover() : probe.getAsBoolean();
            nextCheck = clock.instant().plus(recheckEvery);
            if (first || was != reachable) {
                if (reachable) {
                    log.info("Identity provider {} answers; sign-in is available", issuer);
                } else {
                    log.warn("Identity provider {} does not answer; sign-in is unavailable until it does", issuer);
                }
            }
        } finally {
            talking.unlock();
        }
    }

    private boolean discover() {
        try {
            discovered = discovery.get();
            return true;
        } catch (RuntimeException e) {
            log.debug("Discovery at {} failed", issuer, e);
            return false;
        }
    }
}
