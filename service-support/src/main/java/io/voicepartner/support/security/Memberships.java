package io.voicepartner.support.security;

import io.voicepartner.api.organization.Role;
import java.util.Optional;

/**
 * Who belongs to which organization, as each side keeps it: the command side in a lookup table written with the
 * events, the read sides from the organizations topic.
 */
public interface Memberships {

    /** The user's role in the organization; empty when the user is not a member or the organization is closed. */
    Optional<Role> roleOf(String organizationId, String userId);
}
