package dev.periscope.security;

/** Thrown at start-up when no way to sign in is configured: a default install must never be open. */
class LoginNotConfiguredException extends RuntimeException {
    LoginNotConfiguredException() {
        super("No login is configured.");
    }
}
