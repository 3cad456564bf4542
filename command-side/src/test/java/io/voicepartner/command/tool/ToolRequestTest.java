package io.voicepartner.command.tool;

import static io.voicepartner.command.tool.ToolConfigurations.object;
import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.api.tool.HttpMethod;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shape of a tool write, checked at the web edge: every problem is named by its field. */
class ToolRequestTest {

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void startValidation() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void stopValidation() {
        factory.close();
    }

    @Test
    void acceptsAToolAsApiMdDescribesIt() {
        assertThat(problems(new ToolRequest(
                        "Weather",
                        "Forecasts",
                        "https://api.example.com/v1/weather?units=metric",
                        HttpMethod.GET,
                        "data",
                        Map.of(
                                "type",
                                "object",
                                "properties",
                                Map.of("city", Map.of("type", "string")),
                                "required",
                                List.of("city")),
                        object("Accept", "application/json", "Authorization", "Bearer abc", "X-Old", null),
                        Map.of("type", "api_key", "api_key", "k-0123456789", "header_name", "X-Weather-Key"),
                        true)))
                .isEmpty();
    }

    @Nested
    class Endpoint {

        @ParameterizedTest
        @ValueSource(strings = {"http://localhost:8080/hook", "https://api.example.com", "HTTPS://API.EXAMPLE.COM/x"})
        void acceptsAnAbsoluteWebUrl(String endpoint) {
            assertThat(problems(withEndpoint(endpoint))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "/weather",
                    "api.example.com/weather",
                    "ftp://files.example.com/x",
                    "https:///path",
                    "mailto:ops@example.com",
                    "https://exa mple.com",
                    "javascript:alert(1)"
                })
        void refusesAnythingElse(String endpoint) {
            assertThat(problems(withEndpoint(endpoint)))
                    .containsEntry("endpoint", "must be an absolute http or https URL with a host");
        }

        @Test
        void refusesCredentialsInTheUrl() {
            assertThat(problems(withEndpoint("https://ada:secret@api.example.com/")))
                    .containsEntry("endpoint", "must not carry credentials; put them in authentication");
        }

        @Test
        void refusesAUrlLongerThan2048Characters() {
            assertThat(problems(withEndpoint("https://api.example.com/" + "x".repeat(2048))))
                    .containsKey("endpoint");
        }
    }

    @Nested
    class Parameters {

        @Test
        void acceptsTheEmptySchemaAndSchemasOfEveryKnownDraft() {
            assertThat(problems(withParameters(Map.of()))).isEmpty();
            assertThat(problems(withParameters(
                            Map.of("$schema", "http://json-schema.org/draft-07/schema#", "type", "object"))))
                    .isEmpty();
            assertThat(problems(withParameters(Map.of(
                            "$schema",
                            "https://json-schema.org/draft/2020-12/schema",
                            "type",
                            "object",
                            "$defs",
                            Map.of("zip", Map.of("type", "string"))))))
                    .isEmpty();
        }

        @Test
        void refusesWhatTheMetaSchemaRefuses() {
            assertThat(problems(withParameters(Map.of("type", "strnig")))).containsKey("parameters");
            assertThat(problems(withParameters(Map.of("properties", "city")))).containsKey("parameters");
            assertThat(problems(withParameters(Map.of("required", "city")))).containsKey("parameters");
        }

        @Test
        void namesTheProblemTheMetaSchemaFound() {
            assertThat(problems(withParameters(Map.of("type", "object", "properties", Map.of("city", 5))))
                            .get("parameters"))
                    .startsWith("is not a valid JSON Schema: ")
                    .contains("city");
        }

        @Test
        void refusesADraftItDoesNotKnow() {
            assertThat(problems(withParameters(Map.of("$schema", "https://example.com/my-dialect")))
                            .get("parameters"))
                    .contains("$schema");
        }
    }

    @Nested
    class Headers {

        @Test
        void refusesANameThatIsNoHttpToken() {
            assertThat(problems(withHeaders(object("X Trace", "on"))))
                    .containsEntry("headers", "'X Trace' is not an HTTP header name (an RFC 7230 token)");
        }

        @Test
        void refusesTheSameNameTwiceInAnyCase() {
            assertThat(problems(withHeaders(object("X-Trace", "on", "x-trace", "off"))))
                    .containsEntry("headers", "'X-Trace' and 'x-trace' name the same header");
        }

        @Test
        void refusesValuesThatAreNoStringsOrBreakTheLine() {
            assertThat(problems(withHeaders(object("X-Count", 5))))
                    .containsEntry("headers", "the value of 'X-Count' must be a string, or null to remove it");
            assertThat(problems(withHeaders(object("X-Trace", "on\r\nX-Injected: yes"))))
                    .containsEntry("headers", "the value of 'X-Trace' must not contain line breaks");
        }

        @Test
        void refusesTheMaskOfASecretSentBackAsItsValue() {
            assertThat(problems(withHeaders(object("Authorization", "••••abcd"))))
                    .containsKey("headers");
            assertThat(problems(withHeaders(object("X-Note", "••••abcd")))).isEmpty();
        }

        @Test
        void acceptsFiftyHeadersButNotFiftyOne() {
            assertThat(problems(withHeaders(headers(50)))).isEmpty();
            assertThat(problems(withHeaders(headers(51)))).containsEntry("headers", "must have at most 50 headers");
        }

        @Test
        void quotesNoMessageTemplateFromTheClient() {
            assertThat(problems(withHeaders(object("${1+1} {jakarta.validation.constraints.NotNull.message}", "x"))))
                    .containsEntry(
                            "headers",
                            "'${1+1} {jakarta.validation.constraints.NotNull.message}' "
                                    + "is not an HTTP header name (an RFC 7230 token)");
        }

        private static Map<String, Object> headers(int count) {
            return IntStream.range(0, count).boxed().collect(toMap(i -> "X-Header-" + i, i -> "v"));
        }
    }

    @Nested
    class Authentication {

        @Test
        void acceptsEachTypeWithItsFields() {
            assertThat(problems(withAuthentication(Map.of("type", "none")))).isEmpty();
            assertThat(problems(withAuthentication(Map.of("type", "bearer", "token", "t"))))
                    .isEmpty();
            assertThat(problems(withAuthentication(Map.of("type", "basic", "username", "ada", "password", "p"))))
                    .isEmpty();
            assertThat(problems(withAuthentication(Map.of("type", "api_key", "api_key", "k"))))
                    .isEmpty();
        }

        @Test
        void namesEachMissingField() {
            assertThat(problems(withAuthentication(Map.of("type", "bearer"))))
                    .containsEntry("authentication.token", "is required for bearer authentication");
            assertThat(problems(withAuthentication(Map.of("type", "basic"))))
                    .containsEntry("authentication.username", "is required for basic authentication")
                    .containsEntry("authentication.password", "is required for basic authentication");
            assertThat(problems(withAuthentication(Map.of("type", "api_key"))))
                    .containsEntry("authentication.api_key", "is required for api_key authentication");
        }

        @Test
        void refusesAnUnknownTypeOrNone() {
            assertThat(problems(withAuthentication(Map.of("type", "oauth2"))))
                    .containsEntry("authentication.type", "must be one of none, bearer, basic, api_key");
            assertThat(problems(withAuthentication(Map.of("token", "t"))))
                    .containsEntry("authentication.type", "is required");
        }

        @Test
        void refusesFieldsTheTypeDoesNotTake() {
            assertThat(problems(withAuthentication(Map.of("type", "bearer", "token", "t", "scope", "read"))))
                    .containsEntry("authentication.scope", "is not a field of bearer authentication");
            assertThat(problems(withAuthentication(Map.of("type", "none", "password", "p"))))
                    .containsEntry("authentication.password", "is not a field of none authentication");
        }

        @Test
        void refusesValuesThatAreNoStringsOrEmpty() {
            assertThat(problems(withAuthentication(Map.of("type", "bearer", "token", 42))))
                    .containsEntry("authentication.token", "must be a non-empty string");
            assertThat(problems(withAuthentication(Map.of("type", "bearer", "token", " "))))
                    .containsEntry("authentication.token", "must be a non-empty string");
        }

        @Test
        void refusesAHeaderNameThatIsNoTokenAndAUsernameWithAColon() {
            assertThat(problems(withAuthentication(Map.of("type", "api_key", "api_key", "k", "header_name", "X Key"))))
                    .containsKey("authentication.header_name");
            assertThat(problems(withAuthentication(Map.of("type", "basic", "username", "a:b", "password", "p"))))
                    .containsKey("authentication.username");
        }

        @Test
        void refusesTheMaskOfASecretSentBackAsTheSecret() {
            assertThat(problems(withAuthentication(Map.of("type", "bearer", "token", "••••wxyz"))))
                    .containsKey("authentication.token");
        }
    }

    private static Map<String, String> problems(ToolRequest request) {
        return validator.validate(request).stream()
                .collect(toMap(
                        violation -> violation.getPropertyPath().toString(),
                        ConstraintViolation::getMessage,
                        (one, other) -> one + "; " + other));
    }

    private static ToolRequest withEndpoint(String endpoint) {
        return new ToolRequest("Weather", null, endpoint, null, null, null, null, null, null);
    }

    private static ToolRequest withParameters(Map<String, Object> parameters) {
        return new ToolRequest("Weather", null, "https://api.example.com", null, null, parameters, null, null, null);
    }

    private static ToolRequest withHeaders(Map<String, Object> headers) {
        return new ToolRequest("Weather", null, "https://api.example.com", null, null, null, headers, null, null);
    }

    private static ToolRequest withAuthentication(Map<String, Object> authentication) {
        return new ToolRequest(
                "Weather", null, "https://api.example.com", null, null, null, null, authentication, null);
    }
}
