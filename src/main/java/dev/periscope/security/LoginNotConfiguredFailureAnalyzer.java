package dev.periscope.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing login configuration into a short, actionable start-up message instead of a stack trace. */
class LoginNotConfiguredFailureAnalyzer extends AbstractFailureAnalyzer<LoginNotConfiguredException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LoginNotConfiguredException cause) {
        return new FailureAnalysis(
                "Periscope will not start without sign-in configured; a default install must never be open.",
                "Either configure OIDC (PERISCOPE_SECURITY_OIDC_ISSUER_URI, PERISCOPE_SECURITY_OIDC_CLIENT_ID and"
                        + " PERISCOPE_SECURITY_OIDC_CLIENT_SECRET), or run the local demo with"
                        + " --spring.profiles.active=demo (fixed demo users, bound to 127.0.0.1).",
                cause);
    }
}
