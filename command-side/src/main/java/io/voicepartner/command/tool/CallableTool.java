package io.voicepartner.command.tool;

import io.voicepartner.api.tool.HttpMethod;
import java.util.Map;

/**
 * A tool as the voice runtime calls it: the shape in which a published version shows its tools, with every
 * credential in clear where the version shows it masked. Made only for the call-start lookup ({@link ToolCredentials}).
 *
 * @param endpoint       the URL to call, credentials in its query string included
 * @param headers        every header to send, those carrying credentials included
 * @param authentication the scheme's {@code type}, its settings ({@code username}, {@code header_name}) and its
 *                       credentials ({@code token}, {@code password}, {@code api_key})
 */
public record CallableTool(
        String id,
        String name,
        String description,
        String endpoint,
        HttpMethod method,
        String category,
        Map<String, Object> parameters,
        Map<String, String> headers,
        Map<String, String> authentication,
        Boolean isActive) {}
