package io.voicepartner.command.organization;

import io.voicepartner.api.organization.Role;

/** The body of changing a member's role. */
record MemberRequest(Role role) {}
