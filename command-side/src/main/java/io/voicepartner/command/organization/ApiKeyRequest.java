package io.voicepartner.command.organization;

import io.voicepartner.api.messaging.EventLimits;
import io.voicepartner.api.organization.ApiKeyScope;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * The body of creating an API key: what people call it, what it may do, and when it stops working ({@code null}
 * or left out: never, until it is revoked).
 */
record ApiKeyRequest(
        @Size(max = EventLimits.NAME) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        String name,

        @NotEmpty(message = "must name at least one scope") List<@NotNull ApiKeyScope> scopes,
        @Future(message = "must be in the future") Instant expiresAt) {}
