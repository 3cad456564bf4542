package io.voicepartner.command.organization;

import io.voicepartner.api.messaging.EventLimits;
import io.voicepartner.api.organization.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/** The body of inviting someone: the e-mail address they will accept with, and the role they will have. */
record InvitationRequest(
        @Email(message = "must be an e-mail address") @Size(max = EventLimits.EMAIL)
        String email,

        Role role) {}
