package io.voicepartner.api.organization;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.voicepartner.api.common.WireNames;
import java.util.Locale;

/**
 * What a member may do in an organization, from most to least: an {@code owner} everything, an {@code admin}
 * members, invitations, keys and every resource, an {@code editor} the resources, a {@code viewer} read them.
 */
public enum Role {
    OWNER(4),
    ADMIN(3),
    EDITOR(2),
    VIEWER(1);

    private final int rank;

    Role(int rank) {
        this.rank = rank;
    }

    /** Whether this role may do at least what {@code other} may. */
    public boolean includes(Role other) {
        return rank >= other.rank;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role fromWireName(String value) {
        return WireNames.parse(Role.class, value, Role::wireName);
    }
}
