package io.voicepartner.command.tool;

import io.voicepartner.api.messaging.EventLimits;
import io.voicepartner.api.tool.HttpMethod;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The body of a tool write: the client-writable fields only, each with the shape API.md gives it.
 * {@code headers} and {@code authentication} arrive in clear and are encrypted before any command is sent.
 */
record ToolRequest(
        @Size(max = EventLimits.NAME) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        String name,

        @Size(max = 2000) String description,
        @Size(max = EventLimits.ENDPOINT) @HttpUrl String endpoint,
        HttpMethod method,
        @Size(max = EventLimits.CATEGORY) String category,
        @JsonSchemaDocument Map<String, Object> parameters,
        @HeaderFields Map<String, Object> headers,
        @AuthenticationFields Map<String, Object> authentication,
        Boolean isActive) {}
