package io.voicepartner.command.organization;

import io.voicepartner.api.messaging.EventLimits;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of opening or renaming an organization. */
record OrganizationRequest(
        @Size(max = EventLimits.NAME) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        String name) {}
