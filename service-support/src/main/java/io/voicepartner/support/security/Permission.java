package io.voicepartner.support.security;

import io.voicepartner.api.organization.ApiKeyScope;
import io.voicepartner.api.organization.Role;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a route needs of the caller in the organization it acts in ({@link Requires}); each is granted to a member
 * from a role upwards ({@code owner} ⊇ {@code admin} ⊇ {@code editor} ⊇ {@code viewer}), and to an API key by one
 * scope, if any: what manages the organization itself is a member's alone.
 */
public enum Permission {
    /** See the organization, its members and its resources: assistants, versions, tools, files, numbers, history, usage. */
    READ(Role.VIEWER, ApiKeyScope.CONFIG_READ),
    /** Read the analytics figures. */
    READ_ANALYTICS(Role.VIEWER, ApiKeyScope.ANALYTICS_READ),
    /** Create, change, delete, publish and restore resources, test tools. */
    WRITE(Role.EDITOR, ApiKeyScope.CONFIG_WRITE),
    /** Report tool executions and calls. */
    WRITE_USAGE(Role.EDITOR, ApiKeyScope.USAGE_WRITE),
    /** Read the organization's audit log. */
    READ_AUDIT(Role.ADMIN, ApiKeyScope.AUDIT_READ),
    /** Look up what answers a phone number at call start, credentials decrypted (the voice runtime's). */
    READ_RUNTIME(Role.ADMIN, ApiKeyScope.RUNTIME_READ),
    /** Invite, remove and change members' roles; rename the organization; create and revoke API keys. */
    ADMINISTER(Role.ADMIN, null),
    /** Close the organization. */
    DELETE_ORGANIZATION(Role.OWNER, null);

    private final Role least;
    private final ApiKeyScope scope;

    Permission(Role least, ApiKeyScope scope) {
        this.least = least;
        this.scope = scope;
    }

    /** The least role that has it. */
    public Role least() {
        return least;
    }

    /** The scope that grants it to an API key; empty for what no key may do. */
    public Optional<ApiKeyScope> scope() {
        return Optional.ofNullable(scope);
    }

    public boolean grantedTo(Role role) {
        return role != null && role.includes(least);
    }

    /** What a key with {@code scope} may do: the one permission the scope stands for. */
    public static Permission grantedBy(ApiKeyScope scope) {
        return Arrays.stream(values())
                .filter(permission -> permission.scope == scope)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no permission for scope " + scope));
    }
}
