package io.voicepartner.command.user;

import io.voicepartner.api.messaging.EventLimits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

record SignUpRequest(
        @Email(message = "must be an e-mail address") @Size(max = EventLimits.EMAIL)
        String email,

        @Size(min = 8, max = 72, message = "must be 8 to 72 characters")
        String password,

        @Size(max = EventLimits.NAME) String name) {}
