package dev.periscope.security;

import java.util.List;

/** The portal's roles. Spring Security sees them as authorities {@code ROLE_<name>}. */
public final class Roles {

    public static final String DEVELOPER = "DEVELOPER";
    public static final String ONCALL = "ONCALL";
    public static final String AUDITOR = "AUDITOR";
    public static final String APPROVER = "APPROVER";
    public static final String ADMIN = "ADMIN";

    public static final List<String> ALL = List.of(DEVELOPER, ONCALL, AUDITOR, APPROVER, ADMIN);

    private Roles() {
    }
}
