package io.voicepartner.support.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.voicepartner.api.web.ApiErrorResponse;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.PublicEndpoints;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.AntPathMatcher;

import java.util.List;
import java.util.Map;

/**
 * The OpenAPI document at {@code /openapi.json} (Swagger UI at {@code /docs}): generated from the
 * controllers, in the platform's snake_case, with the bearer scheme (the "Authorize" button logs in
 * through {@code /token}), and the error envelope on every operation with the statuses it can answer.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String ERROR_SCHEMA = "ApiErrorResponse";
    private static final String BEARER = "bearer";
    private static final String LOGIN = "login";
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    /** Schemas are read with the platform's own mapper, so that they show the names that travel. */
    @Bean
    ModelResolver modelResolver(ObjectMapper objectMapper) {
        return new ModelResolver(objectMapper);
    }

    @Bean
    OpenAPI platformApi() {
        // the caller comes from the bearer token, never from the request
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
        return new OpenAPI()
                .info(new Info().title("VoicePartner platform API").version("v1")
                        .description("Assistants, their tools and phone numbers. Every response but /token, /health "
                                + "and this document is an envelope: {\"success\": true, \"data\": ...} or "
                                + "{\"success\": false, \"error\": {\"code\", \"message\", \"details\"}}. Writes "
                                + "answer what the next read shows, or 202 when the read model has not caught up."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT"))
                        .addSecuritySchemes(LOGIN, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                                .description("Log in with your e-mail as username and your password.")
                                .flows(new OAuthFlows().password(new OAuthFlow().tokenUrl("/token").scopes(new Scopes())))))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .addSecurityItem(new SecurityRequirement().addList(LOGIN));
    }

    @Bean
    OpenApiCustomizer errorsAndPublicRoutes(ObjectMapper objectMapper, ObjectProvider<PublicEndpoints> publicEndpoints) {
        return openApi -> {
            ModelConverters converters = new ModelConverters();
            converters.addConverter(new ModelResolver(objectMapper));
            Map<String, Schema> errorSchemas = converters.readAll(ApiErrorResponse.class);
            // the envelope of an error always says so
            Map<String, Schema> envelopeFields = errorSchemas.get(ERROR_SCHEMA).getProperties();
            envelopeFields.get("success").setExample(false);
            errorSchemas.forEach(openApi.getComponents()::addSchemas);
            List<PublicEndpoints> open = publicEndpoints.orderedStream().toList();
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                boolean isPublic = open.stream().anyMatch(endpoints ->
                        (endpoints.method() == null || endpoints.method().name().equals(method.name()))
                                && endpoints.patterns().stream().anyMatch(pattern -> PATHS.match(pattern, path)));
                if (isPublic || !path.startsWith("/api/")) {
                    operation.setSecurity(List.of());
                }
                // the bearer token is the security scheme's business, not a parameter to fill in
                if (operation.getParameters() != null) {
                    operation.getParameters().removeIf(parameter -> "header".equals(parameter.getIn())
                            && "Authorization".equalsIgnoreCase(parameter.getName()));
                }
                addErrors(operation, method, path, isPublic || !path.startsWith("/api/"));
            }));
        };
    }

    /**
     * Last of all customizers: drops the schemas nothing refers to any more (the JSON trees the write
     * controllers read, before their request records replaced them).
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    OpenApiCustomizer unreferencedSchemasRemoved() {
        return openApi -> {
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            if (schemas == null) {
                return;
            }
            boolean removed = true;
            while (removed) {
                String document = Json.pretty(openApi);
                removed = schemas.keySet().removeIf(name -> !document.contains("\"#/components/schemas/" + name + "\""));
            }
        };
    }

    private static void addErrors(Operation operation, PathItem.HttpMethod method, String path, boolean isPublic) {
        error(operation, "400", "Malformed JSON, or invalid fields, each named in error.details");
        if (!isPublic) {
            error(operation, "401", "Missing, invalid or expired bearer token");
        }
        if (path.contains("{")) {
            error(operation, "404", "No such resource for the caller (another user's resource is not found either)");
        }
        if (method != PathItem.HttpMethod.GET) {
            error(operation, "409", "A uniqueness conflict, or a concurrent write to the same resource");
            error(operation, "413", "The request body is too large");
            error(operation, "415", "The body is not application/json");
        }
        if (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH || method == PathItem.HttpMethod.DELETE
                || (method == PathItem.HttpMethod.POST && path.contains("{"))) {
            error(operation, "412", "If-Match names a revision the resource is no longer at");
        }
        if (method == PathItem.HttpMethod.POST) {
            error(operation, "422", "The Idempotency-Key was used with a different request");
        }
        error(operation, "500", "A bug: the body never carries a stack trace");
    }

    private static void error(Operation operation, String status, String description) {
        if (operation.getResponses().get(status) == null) {
            operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                    .content(new Content().addMediaType("application/json", new MediaType()
                            .schema(new Schema<>().$ref("#/components/schemas/" + ERROR_SCHEMA)))));
        }
    }
}
