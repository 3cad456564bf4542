package io.voicepartner.api.tool;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.voicepartner.api.common.SecretValue;
import java.util.Map;

/**
 * Everything a user configures on a tool.
 *
 * @param endpoint               the URL called, the values of its credential-like query parameters masked
 *                               ({@code ?api_key=••••1234}): their values are in {@code secretQueryParameters}
 * @param parameters             the JSON Schema of the arguments the assistant passes
 * @param headers                headers sent with every call, but those carrying credentials
 * @param secretHeaders          headers carrying credentials ({@code Authorization}, {@code *-Key}, {@code *Token*}),
 *                               encrypted
 * @param secretQueryParameters  the endpoint's query parameters carrying credentials ({@code api_key}, {@code sig},
 *                               {@code access_token}), encrypted, by name; left out of the JSON when there are none,
 *                               as in every event recorded before there were any (issue 17)
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
        Boolean isActive,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, SecretValue> secretQueryParameters) {

    public ToolConfiguration {
        secretQueryParameters = secretQueryParameters == null ? Map.of() : secretQueryParameters;
    }

    /** A configuration whose endpoint carries no credential in its query string. */
    public ToolConfiguration(
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
        this(
                name,
                description,
                endpoint,
                method,
                category,
                parameters,
                headers,
                secretHeaders,
                authentication,
                isActive,
                Map.of());
    }
}
