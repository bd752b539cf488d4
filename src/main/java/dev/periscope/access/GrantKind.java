package dev.periscope.access;

/** The kinds of elevated access a user can request. */
public enum GrantKind {
    /** Read the logs, problems and metrics of services outside the role. */
    SERVICE,
    /** See one masking category unmasked for some services. */
    UNMASK,
    /** Reveal the values behind specific tokens. */
    REVEAL
}
