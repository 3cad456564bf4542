package io.voicepartner.api.tool;

import io.voicepartner.api.common.SecretValue;
import java.util.Map;

/**
 * @param settings plain settings of the scheme ({@code username} for basic, {@code header_name} for api_key)
 * @param secrets  the scheme's credentials, encrypted ({@code token}, {@code password}, {@code api_key})
 */
public record ToolAuthentication(
        AuthenticationType type, Map<String, String> settings, Map<String, SecretValue> secrets) {}
