package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The API document is generated from the code and complete: it validates, and every route the platform
 * serves is in it, in snake_case, with the error envelope and the bearer scheme.
 */
class OpenApiIT extends PlatformIT {

    /** Routes that are not the API: the container's error page and the document's own. */
    private static final Set<String> NOT_THE_API =
            Set.of("/error", "/openapi.json", "/openapi.json.yaml", "/openapi.json/swagger-config", "/docs");

    /** The resources users work with, in the order /docs shows them. */
    static final List<String> RESOURCE_TAGS = List.of(
            "Assistants",
            "Versions",
            "Tools",
            "Files",
            "Phone numbers",
            "History",
            "Usage",
            "Analytics",
            "Users and tokens",
            "Organizations",
            "Audit log",
            "Runtime",
            "Operations",
            "Events",
            "Webhooks",
            "Configuration");

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** The application's routes (Actuator keeps its own mapping for its endpoints, which are not the API). */
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping routes;

    @Test
    void theDocumentIsAValidOpenApiDocument() {
        SwaggerParseResult parsed =
                new OpenAPIParser().readContents(api().get("/openapi.json").text(), null, null);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes()).containsKeys("bearer", "login");
        assertThat(parsed.getOpenAPI()
                        .getComponents()
                        .getSecuritySchemes()
                        .get("login")
                        .getFlows()
                        .getPassword()
                        .getTokenUrl())
                .isEqualTo("/token");
    }

    @Test
    void everyRouteTheServerServesIsDocumentedWithItsMethods() {
        JsonNode paths = api().get("/openapi.json").json().path("paths");
        List<String> missing = new ArrayList<>();
        routes.getHandlerMethods()
                .keySet()
                .forEach(route -> patterns(route).stream()
                        .filter(pattern -> !NOT_THE_API.contains(pattern))
                        .forEach(pattern -> methods(route).forEach(method -> {
                            // a collection answers with and without the trailing slash; the document names it once,
                            // without
                            String documented = pattern.length() > 1 && pattern.endsWith("/")
                                    ? pattern.substring(0, pattern.length() - 1)
                                    : pattern;
                            if (!paths.path(documented).has(method)) {
                                missing.add(method.toUpperCase(Locale.ROOT) + " " + pattern);
                            }
                        })));

        assertThat(missing).isEmpty();
        assertThat(paths.size()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void schemasUseTheWireNamesAndErrorsTheEnvelope() {
        JsonNode document = api().get("/openapi.json").json();
        JsonNode assistant = document.path("components")
                .path("schemas")
                .path("AssistantView")
                .path("properties");
        JsonNode create = document.path("paths").path("/api/assistants").path("post");

        assertThat(assistant.has("organization_id")).isTrue();
        assertThat(assistant.has("created_by")).isTrue();
        assertThat(assistant.has("organizationId")).isFalse();
        assertThat(create.path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema")
                        .path("$ref")
                        .asText())
                .endsWith("/AssistantRequest");
        assertThat(create.path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("example")
                        .path("name")
                        .asText())
                .isEqualTo("Front desk");
        assertThat(create.path("responses")
                        .path("201")
                        .path("content")
                        .path("application/json")
                        .path("schema")
                        .path("$ref")
                        .asText())
                .endsWith("/ApiResponseAssistantView");
        assertThat(create.path("responses").path("404").isMissingNode()).isTrue();
        for (String status : List.of("400", "401", "409", "413", "415", "422", "500")) {
            assertThat(create.path("responses")
                            .path(status)
                            .path("content")
                            .path("application/json")
                            .path("schema")
                            .path("$ref")
                            .asText())
                    .as(status)
                    .endsWith("/ApiErrorResponse");
        }
        assertThat(document.path("paths")
                        .path("/token")
                        .path("post")
                        .path("security")
                        .isEmpty())
                .isTrue();
        assertThat(document.path("components")
                        .path("schemas")
                        .path("ApiErrorResponse")
                        .path("properties")
                        .path("success")
                        .path("example")
                        .asBoolean(true))
                .isFalse();
    }

    /**
     * What a frontend developer and a client generator rely on, for every operation, so that a new route
     * without it fails here: one tag of the resources users work with, a summary and a description, an
     * operationId that reads as a method name and is unique, every parameter described, a success answered
     * with a schema and an example, and every error in the envelope with an example.
     */
    @Test
    void everyOperationIsReadyForAClientAndItsReader() {
        JsonNode document = api().get("/openapi.json").json();
        List<String> problems = new ArrayList<>();
        Set<String> operationIds = new HashSet<>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(entry -> {
                    if (!HTTP_METHODS.contains(entry.getKey())) {
                        return;
                    }
                    String route = entry.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                    JsonNode operation = entry.getValue();
                    JsonNode tags = operation.path("tags");
                    if (tags.size() != 1 || !RESOURCE_TAGS.contains(tags.path(0).asText())) {
                        problems.add(route + ": tags " + tags + " are not one of " + RESOURCE_TAGS);
                    }
                    for (String text : List.of("summary", "description")) {
                        if (operation.path(text).asText("").isBlank()) {
                            problems.add(route + ": no " + text);
                        }
                    }
                    String operationId = operation.path("operationId").asText("");
                    if (!operationId.matches("^[a-z][A-Za-z]+$")) {
                        problems.add(route + ": operationId '" + operationId + "' is not a method name");
                    } else if (!operationIds.add(operationId)) {
                        problems.add(route + ": operationId '" + operationId + "' is used twice");
                    }
                    operation.path("parameters").forEach(parameter -> {
                        if (parameter.path("description").asText("").isBlank()) {
                            problems.add(route + ": parameter "
                                    + parameter.path("name").asText() + " is not described");
                        }
                    });
                    boolean answers = false;
                    for (var response : operation.path("responses").properties()) {
                        String status = response.getKey();
                        JsonNode content = response.getValue().path("content");
                        if (status.startsWith("2") && !status.equals("204")) {
                            answers = true;
                            content.properties().forEach(media -> {
                                if (media.getValue().path("schema").isMissingNode()
                                        || media.getValue().path("example").isMissingNode()) {
                                    problems.add(route + ": " + status + " " + media.getKey()
                                            + " lacks a schema or an example");
                                }
                            });
                            if (content.isEmpty()) {
                                problems.add(route + ": " + status + " has no content");
                            }
                        }
                        if ((status.startsWith("4") || status.startsWith("5")) && !route.equals("GET /health")) {
                            JsonNode error = content.path("application/json");
                            if (!error.path("schema").path("$ref").asText().endsWith("/ApiErrorResponse")
                                    || error.path("example")
                                            .path("error")
                                            .path("code")
                                            .asText("")
                                            .isBlank()) {
                                problems.add(route + ": " + status + " is not the error envelope with an example");
                            }
                        }
                    }
                    if (!answers) {
                        problems.add(route + ": no 2xx answer");
                    }
                }));

        assertThat(problems).isEmpty();
        assertThat(operationIds)
                .contains(
                        "createAssistant",
                        "listAssistants",
                        "getAssistant",
                        "updateAssistant",
                        "deleteAssistant",
                        "publishAssistantVersion",
                        "listToolExecutions",
                        "reportToolExecutions",
                        "listPhoneNumberCalls");
        assertThat(document.path("tags").findValuesAsText("name")).containsExactlyElementsOf(RESOURCE_TAGS);
        document.path("tags")
                .forEach(tag -> assertThat(tag.path("description").asText()).isNotBlank());
    }

    @Test
    void theErrorsARouteCanGiveAreDocumented() {
        JsonNode paths = api().get("/openapi.json").json().path("paths");

        assertThat(paths.path("/api/assistants/{id}")
                        .path("patch")
                        .path("responses")
                        .fieldNames())
                .toIterable()
                .contains("400", "401", "404", "409", "412", "413", "415", "503");
        assertThat(paths.path("/api/assistants").path("post").path("responses").fieldNames())
                .toIterable()
                .contains("422", "503");
        assertThat(paths.path("/token").path("post").path("responses").fieldNames())
                .toIterable()
                .contains("401", "429");
        JsonNode signUp = paths.path("/api/users").path("post");
        assertThat(signUp.path("responses").fieldNames())
                .toIterable()
                .contains("409", "429")
                .doesNotContain("422");
        assertThat(signUp.path("parameters").findValuesAsText("name")).doesNotContain("Idempotency-Key");
        // an answer that shows a secret once is never kept for a replay, so its route takes no key
        for (String showsASecret : List.of(
                "/api/organizations/{organizationId}/invitations",
                "/api/organizations/{organizationId}/api-keys",
                "/token")) {
            JsonNode post = paths.path(showsASecret).path("post");
            assertThat(post.isMissingNode()).as(showsASecret).isFalse();
            assertThat(post.path("parameters").findValuesAsText("name"))
                    .as(showsASecret)
                    .doesNotContain("Idempotency-Key");
        }
        assertThat(paths.path("/api/assistants").path("post").path("parameters").findValuesAsText("name"))
                .contains("Idempotency-Key");
        assertThat(paths.path("/api/assistants/{id}")
                        .path("get")
                        .path("responses")
                        .has("304"))
                .isTrue();
        assertThat(paths.path("/api/assistants")
                        .path("post")
                        .path("responses")
                        .path("400")
                        .path("content")
                        .path("application/json")
                        .path("example")
                        .path("error")
                        .path("details")
                        .path(0)
                        .path("field")
                        .asText())
                .isEqualTo("temperature");
    }

    @Test
    void publishingDocumentsBothItsAnswers() {
        JsonNode publish = api().get("/openapi.json")
                .json()
                .path("paths")
                .path("/api/assistants/{id}/versions")
                .path("post")
                .path("responses");

        for (String status : List.of("201", "200")) {
            assertThat(publish.path(status)
                            .path("content")
                            .path("application/json")
                            .path("schema")
                            .path("$ref")
                            .asText())
                    .as(status)
                    .endsWith("/ApiResponseAssistantVersionView");
        }
    }

    @Test
    void theDocsAreSwaggerUi() throws Exception {
        HttpResponse<String> docs = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/docs"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("swagger-ui");
    }

    private static Set<String> patterns(RequestMappingInfo route) {
        return route.getPathPatternsCondition() == null
                ? Set.of()
                : route.getPathPatternsCondition().getPatternValues();
    }

    private static List<String> methods(RequestMappingInfo route) {
        Set<RequestMethod> methods = route.getMethodsCondition().getMethods();
        return methods.stream()
                .map(method -> method.name().toLowerCase(Locale.ROOT))
                .toList();
    }
}
