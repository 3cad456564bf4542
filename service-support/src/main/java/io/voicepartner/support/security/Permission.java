package io.voicepartner.support.security;

import io.voicepartner.api.organization.Role;

/**
 * What a route needs of the caller in the organization it acts in ({@link Requires}); each is granted from a role
 * upwards ({@code owner} ⊇ {@code admin} ⊇ {@code editor} ⊇ {@code viewer}).
 */
public enum Permission {
    /** See the organization, its members and its resources: assistants, versions, tools, files, numbers, history, usage. */
    READ(Role.VIEWER),
    /** Read the analytics figures. */
    READ_ANALYTICS(Role.VIEWER),
    /** Create, change, delete, publish and restore resources, test tools. */
    WRITE(Role.EDITOR),
    /** Report tool executions and calls. */
    WRITE_USAGE(Role.EDITOR),
    /** Read the organization's audit log. */
    READ_AUDIT(Role.ADMIN),
    /** Look up what answers a phone number at call start, credentials decrypted (the voice runtime's). */
    READ_RUNTIME(Role.ADMIN),
    /** Invite, remove and change members' roles; rename the organization; create and revoke API keys. */
    ADMINISTER(Role.ADMIN),
    /** Close the organization. */
    DELETE_ORGANIZATION(Role.OWNER);

    private final Role least;

    Permission(Role least) {
        this.least = least;
    }

    /** The least role that has it. */
    public Role least() {
        return least;
    }

    public boolean grantedTo(Role role) {
        return role != null && role.includes(least);
    }
}
