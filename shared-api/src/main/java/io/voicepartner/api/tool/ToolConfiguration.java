package io.voicepartner.api.tool;

import io.voicepartner.api.common.SecretValue;

import java.util.Map;

/**
 * Everything a user configures on a tool.
 *
 * @param parameters    the JSON Schema of the arguments the assistant passes
 * @param headers       headers sent with every call, but those carrying credentials
 * @param secretHeaders headers carrying credentials ({@code Authorization}, {@code *-Key}, {@code *Token*}), encrypted
 */
public record ToolConfiguration(
        String name,
        String description,
        String endpoint,
        HttpMethod method,
        String category,
        Map<String, Object> parameters,
        Map<String, String> headers,
        Map<String, SecretValue> secretHeaders,
        ToolAuthentication authentication,
        Boolean isActive) {
}
