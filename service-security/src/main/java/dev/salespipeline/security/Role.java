package dev.salespipeline.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person or system may do, as named in the {@code roles} claim of its token (lower case).
 */
public enum Role {

    /** Pipelines, stages, targets: everything. */
    ADMIN,
    /** All deals of their team, and their team's targets. */
    MANAGER,
    /** Their own deals; reads the boards of the pipelines they work in. */
    REP,
    /** Read-only dashboards and metrics. */
    VIEWER,
    /** Telephony and email systems: activity ingest only. */
    INTEGRATION;

    /** The Spring Security authority, for example {@code ROLE_REP}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The name used in tokens and in {@code hasRole(...)}, for example {@code rep}. */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromClaimValue(String value) {
        for (Role role : values()) {
            if (role.claimValue().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
