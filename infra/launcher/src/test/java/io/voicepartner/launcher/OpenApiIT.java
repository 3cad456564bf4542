package io.voicepartner.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API document is generated from the code and complete: it validates, and every route the platform
 * serves is in it, in snake_case, with the error envelope and the bearer scheme.
 */
class OpenApiIT extends PlatformIT {

    /** Routes that are not the API: the container's error page and the document's own. */
    private static final Set<String> NOT_THE_API = Set.of("/error", "/openapi.json", "/openapi.json.yaml",
            "/openapi.json/swagger-config", "/docs");

    /** The application's routes (Actuator keeps its own mapping for its endpoints, which are not the API). */
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping routes;

    @Test
    void theDocumentIsAValidOpenApiDocument() {
        SwaggerParseResult parsed = new OpenAPIParser().readContents(api().get("/openapi.json").text(), null, null);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes()).containsKeys("bearer", "login");
        assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes().get("login").getFlows().getPassword()
                .getTokenUrl()).isEqualTo("/token");
    }

    @Test
    void everyRouteTheServerServesIsDocumentedWithItsMethods() {
        JsonNode paths = api().get("/openapi.json").json().path("paths");
        List<String> missing = new ArrayList<>();
        routes.getHandlerMethods().keySet().forEach(route -> patterns(route).stream()
                .filter(pattern -> !NOT_THE_API.contains(pattern))
                .forEach(pattern -> methods(route).forEach(method -> {
                    if (!paths.path(pattern).has(method)) {
                        missing.add(method.toUpperCase() + " " + pattern);
                    }
                })));

        assertThat(missing).isEmpty();
        assertThat(paths.size()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void schemasUseTheWireNamesAndErrorsTheEnvelope() {
        JsonNode document = api().get("/openapi.json").json();
        JsonNode assistant = document.path("components").path("schemas").path("AssistantView").path("properties");
        JsonNode create = document.path("paths").path("/api/assistants/").path("post");

        assertThat(assistant.has("owner_id")).isTrue();
        assertThat(assistant.has("ownerId")).isFalse();
        assertThat(create.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText())
                .endsWith("/AssistantRequest");
        assertThat(create.path("requestBody").path("content").path("application/json").path("example").path("name")
                .asText()).isEqualTo("Front desk");
        assertThat(create.path("responses").path("201").path("content").path("application/json").path("schema")
                .path("$ref").asText()).endsWith("/ApiResponseAssistantView");
        assertThat(create.path("responses").path("404").isMissingNode()).isTrue();
        for (String status : List.of("400", "401", "409", "413", "415", "422", "500")) {
            assertThat(create.path("responses").path(status).path("content").path("application/json").path("schema")
                    .path("$ref").asText()).as(status).endsWith("/ApiErrorResponse");
        }
        assertThat(document.path("paths").path("/token").path("post").path("security").isEmpty()).isTrue();
        assertThat(document.path("components").path("schemas").path("ApiErrorResponse").path("properties")
                .path("success").path("example").asBoolean(true)).isFalse();
    }

    @Test
    void publishingDocumentsBothItsAnswers() {
        JsonNode publish = api().get("/openapi.json").json().path("paths").path("/api/assistants/{id}/versions")
                .path("post").path("responses");

        for (String status : List.of("201", "200")) {
            assertThat(publish.path(status).path("content").path("application/json").path("schema").path("$ref")
                    .asText()).as(status).endsWith("/ApiResponseAssistantVersionView");
        }
    }

    @Test
    void theDocsAreSwaggerUi() throws Exception {
        HttpResponse<String> docs = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/docs")).build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("swagger-ui");
    }

    private static Set<String> patterns(RequestMappingInfo route) {
        return route.getPathPatternsCondition() == null ? Set.of() : route.getPathPatternsCondition().getPatternValues();
    }

    private static List<String> methods(RequestMappingInfo route) {
        Set<RequestMethod> methods = route.getMethodsCondition().getMethods();
        return methods.stream().map(method -> method.name().toLowerCase()).toList();
    }
}
