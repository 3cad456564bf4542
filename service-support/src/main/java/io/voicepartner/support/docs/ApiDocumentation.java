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
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.voicepartner.api.web.ApiErrorResponse;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.OrganizationAccess;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Personal;
import io.voicepartner.support.security.PublicEndpoints;
import io.voicepartner.support.security.Requires;
import io.voicepartner.support.web.DryRun;
import io.voicepartner.support.web.SecretAnswers;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document at {@code /openapi.json} (Swagger UI at {@code /docs}): generated from the
 * controllers, in the platform's snake_case, with the bearer scheme (the "Authorize" button logs in
 * through {@code /token}) and the API key scheme where a key may call, and the error envelope on every operation
 * with the statuses it can answer.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String ERROR_SCHEMA = "ApiErrorResponse";
    private static final String BEARER = "bearer";
    private static final String LOGIN = "login";
    private static final String API_KEY = "apiKey";
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
                // relative: the document is right wherever the platform is reached (./run, the gateway)
                .servers(List.of(new Server().url("/").description("This platform")))
                .info(new Info()
                        .title("VoicePartner platform API")
                        .version("v1")
                        .description("Assistants, their tools and phone numbers. Every response but /token, /health "
                                + "and this document is an envelope: {\"success\": true, \"data\": ...} or "
                                + "{\"success\": false, \"error\": {\"code\", \"message\", \"details\"}}. Writes "
                                + "answer what the next read shows, or 202 when the read model has not caught up."))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        BEARER,
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("bearer")
                                                .bearerFormat("JWT"))
                                .addSecuritySchemes(
                                        LOGIN,
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.OAUTH2)
                                                .description("Log in with your e-mail as username and your password.")
                                                .flows(new OAuthFlows()
                                                        .password(new OAuthFlow()
                                                                .tokenUrl("/token")
                                                                .scopes(new Scopes()))))
                                .addSecuritySchemes(
                                        API_KEY,
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("bearer")
                                                .bearerFormat("vp_…")
                                                .description(
                                                        "An API key of the organization (POST /api/organizations/{organizationId}"
                                                                + "/api-keys), sent as Authorization: Bearer vp_…. It acts in its own "
                                                                + "organization with its scopes alone (config:read, config:write, usage:write, "
                                                                + "analytics:read, audit:read, runtime:read), never on a person's routes, never "
                                                                + "on those that manage the organization. A revoked or expired key is a 401.")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .addSecurityItem(new SecurityRequirement().addList(LOGIN))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY));
    }

    @Bean
    OpenApiCustomizer errorsAndPublicRoutes(
            ObjectMapper objectMapper, ObjectProvider<PublicEndpoints> publicEndpoints) {
        return openApi -> {
            ModelConverters converters = new ModelConverters();
            converters.addConverter(new ModelResolver(objectMapper));
            Map<String, Schema> errorSchemas = converters.readAll(ApiErrorResponse.class);
            // the envelope of an error always says so
            Map<String, Schema> envelopeFields = errorSchemas.get(ERROR_SCHEMA).getProperties();
            envelopeFields.get("success").setExample(false);
            errorSchemas.forEach(openApi.getComponents()::addSchemas);
            List<PublicEndpoints> open = publicEndpoints.orderedStream().toList();
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                        boolean isPublic = open.stream()
                                .anyMatch(endpoints -> (endpoints.method() == null
                                                || endpoints.method().name().equals(method.name()))
                                        && endpoints.patterns().stream()
                                                .anyMatch(pattern -> PATHS.match(pattern, path)));
                        if (isPublic || !path.startsWith("/api/")) {
                            operation.setSecurity(List.of());
                        }
                        // the bearer token is the security scheme's business, not a parameter to fill in
                        if (operation.getParameters() != null) {
                            operation
                                    .getParameters()
                                    .removeIf(parameter -> "header".equals(parameter.getIn())
                                            && "Authorization".equalsIgnoreCase(parameter.getName()));
                        }
                        addIdempotencyKey(operation, method, path, isPublic);
                        addErrors(operation, method, path, isPublic || !path.startsWith("/api/"));
                    }));
        };
    }

    /**
     * Last of all customizers: applies the reference's catalogues ({@link ApiReference}), then drops the
     * schemas nothing refers to any more (the JSON trees the write controllers read, before their request
     * records replaced them).
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    OpenApiCustomizer referenceAppliedAndUnreferencedSchemasRemoved(
            ObjectMapper objectMapper, ObjectProvider<DocumentedSchemas> documented) {
        ApiReference reference = ApiReference.load(objectMapper);
        return openApi -> {
            ModelConverters converters = new ModelConverters();
            converters.addConverter(new ModelResolver(objectMapper));
            documented
                    .orderedStream()
                    .flatMap(schemas -> schemas.types().stream())
                    .forEach(type -> converters.readAll(type).forEach(openApi.getComponents()::addSchemas));
            // after the features' own customizers, so that the answers they declare get their examples
            reference.applyTo(openApi);
            // after the reference, whose descriptions would replace what an excluded write says about dry runs
            openApi.getPaths()
                    .forEach((path, item) -> item.readOperationsMap()
                            .forEach((method, operation) -> addDryRun(operation, method, path)));
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            if (schemas == null) {
                return;
            }
            boolean removed = true;
            while (removed) {
                String document = Json.pretty(openApi);
                removed =
                        schemas.keySet().removeIf(name -> !document.contains("\"#/components/schemas/" + name + "\""));
            }
        };
    }

    /**
     * What the organization access check ({@code OrganizationAccess}) adds to a route: the header that names the
     * organization it acts in (unless its path names it), the 403 of a role or a key's scopes that fall short, and
     * which routes no API key may call (a person's, and those that manage the organization).
     */
    @Bean
    OperationCustomizer organizationAccess() {
        return (operation, handler) -> {
            if (declared(handler, Personal.class) != null) {
                withoutApiKeys(operation);
                error(operation, "403", "An API key: this route acts for a signed-in person");
                return operation;
            }
            Requires requires = declared(handler, Requires.class);
            if (requires == null) {
                return operation;
            }
            RequestMapping mapping =
                    AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
            boolean pathNamesIt = mapping != null
                    && Arrays.stream(mapping.path())
                            .anyMatch(path -> path.contains("{" + OrganizationAccess.ORGANIZATION_PATH_VARIABLE + "}"));
            if (!pathNamesIt && !hasParameter(operation, OrganizationAccess.ORGANIZATION_HEADER)) {
                operation.addParametersItem(new Parameter()
                        .in("header")
                        .name(OrganizationAccess.ORGANIZATION_HEADER)
                        .required(false)
                        .description("The organization the request acts in, of which the caller is a "
                                + "member; without it, the caller's personal organization.")
                        .schema(new StringSchema().maxLength(64)));
            }
            Permission needed = requires.value();
            String role = "The caller's role in the organization is below '"
                    + needed.least().wireName() + "', which this needs";
            if (needed.scope().isEmpty()) {
                withoutApiKeys(operation);
            }
            error(
                    operation,
                    "403",
                    needed.scope()
                            .map(scope -> role + ", or the API key has no scope '" + scope.wireName() + "'")
                            .orElse(role + "; no API key may call it"));
            return operation;
        };
    }

    private static <A extends java.lang.annotation.Annotation> A declared(HandlerMethod handler, Class<A> annotation) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), annotation);
        return onMethod != null
                ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), annotation);
    }

    /** A route only a signed-in person may call: the schemes of the document but the API key's. */
    private static void withoutApiKeys(Operation operation) {
        operation.setSecurity(
                List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(LOGIN)));
    }

    private static void addErrors(Operation operation, PathItem.HttpMethod method, String path, boolean isPublic) {
        boolean api = path.startsWith("/api/") || path.equals("/token");
        boolean hasBody = operation.getRequestBody() != null;
        error(operation, "400", "Malformed JSON, or invalid fields or parameters, each named in error.details");
        if (!isPublic) {
            error(operation, "401", "Missing, invalid or expired bearer token");
        }
        if (path.equals("/token")) {
            error(operation, "401", "Wrong e-mail or password (invalid_credentials)");
        }
        if (path.contains("{")) {
            error(
                    operation,
                    "404",
                    "No such resource in the organization (another organization's resource is not found either)");
        }
        if (api && method != PathItem.HttpMethod.GET && !path.equals("/token")) {
            error(
                    operation,
                    "409",
                    "A uniqueness conflict, a state that forbids the change, or a retry while the "
                            + "first request with the same Idempotency-Key still runs");
        }
        if (hasParameter(operation, "If-Match")) {
            error(operation, "412", "If-Match names a revision the resource is no longer at");
        }
        if (hasBody) {
            error(operation, "413", "The body, upload or batch, or the event it would record, is over its limit");
            error(operation, "415", "The body is of a content type the route does not take");
        }
        if (method == PathItem.HttpMethod.POST && path.startsWith("/api/") && !isPublic) {
            error(operation, "422", "The Idempotency-Key was used with a different request");
        }
        if (path.equals("/token")) {
            error(
                    operation,
                    "429",
                    "Too many attempts from this client, or failures for this e-mail: retry after "
                            + "Retry-After seconds");
        } else if (isPublic && method == PathItem.HttpMethod.POST && path.startsWith("/api/")) {
            error(operation, "429", "Too many sign-ups from this client, or from all: retry after Retry-After seconds");
        }
        if (path.equals("/api/events") || path.equals("/api/events/stream")) {
            error(
                    operation,
                    "410",
                    "The cursor (after, or Last-Event-ID) continues after an event a restore of the platform lost "
                            + "(gone, naming it): read the feed again from the beginning");
        }
        if (path.equals("/api/tools/{id}/test")) {
            error(
                    operation,
                    "429",
                    "As many test calls running as the caller, or the platform, may have at once: "
                            + "retry after Retry-After seconds");
        }
        if (api || path.equals("/schema")) {
            error(operation, "503", "The database cannot be reached: retry after Retry-After (5) seconds");
        }
        error(operation, "500", "A bug: the body never carries a stack trace");
        if (method == PathItem.HttpMethod.GET
                && hasParameter(operation, "If-None-Match")
                && operation.getResponses().get("304") == null) {
            operation
                    .getResponses()
                    .addApiResponse(
                            "304", new ApiResponse().description("Not modified: If-None-Match named the current ETag"));
        }
    }

    private static boolean hasParameter(Operation operation, String name) {
        return operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(parameter -> name.equalsIgnoreCase(parameter.getName()));
    }

    /**
     * A POST may carry an Idempotency-Key (docs/API.md, Idempotency): a client generator should offer it. Not on
     * the routes without a caller (sign-up), which keep no key, nor on those whose answer shows a secret once.
     */
    private static void addIdempotencyKey(
            Operation operation, PathItem.HttpMethod method, String path, boolean isPublic) {
        if (method == PathItem.HttpMethod.POST
                && path.startsWith("/api/")
                && !isPublic
                && !SecretAnswers.showsASecret(path)
                && !hasParameter(operation, "Idempotency-Key")) {
            operation.addParametersItem(new Parameter()
                    .in("header")
                    .name("Idempotency-Key")
                    .required(false)
                    .schema(new StringSchema().minLength(1).maxLength(255)));
        }
    }

    /**
     * Every write takes {@code ?dry_run=true} (docs/API.md, Dry runs; ADR 0037) but those {@link DryRun#EXCLUDED},
     * whose description says why instead: one rule, applied to each write the document has, so that a new route is
     * documented either way without anyone remembering to.
     */
    private static void addDryRun(Operation operation, PathItem.HttpMethod method, String path) {
        if (!DryRun.isWrite(method.name()) || hasParameter(operation, DryRun.PARAMETER)) {
            return;
        }
        Optional<String> excluded = DryRun.exclusion(method.name(), path);
        if (excluded.isPresent()) {
            String said = operation.getDescription() == null ? "" : operation.getDescription() + "\n\n";
            operation.setDescription(said + "Takes no `dry_run` (`?dry_run=true` is a 400): " + excluded.get() + ".");
            return;
        }
        operation.addParametersItem(new Parameter()
                .in("query")
                .name(DryRun.PARAMETER)
                .required(false)
                .description("true: decide the write as it would be (validation, If-Match, uniqueness, ownership) "
                        + "and store nothing. The answer has the status the write would have, the header Dry-Run: "
                        + "true, and {data, changes}: the resource as its read would show it, and the events the "
                        + "write would record (type, resource_id, revision, data). No event, no ETag, no Location.")
                .schema(new BooleanSchema()._default(false)));
    }

    private static void error(Operation operation, String status, String description) {
        if (operation.getResponses().get(status) == null) {
            operation
                    .getResponses()
                    .addApiResponse(
                            status,
                            new ApiResponse()
                                    .description(description)
                                    .content(new Content()
                                            .addMediaType(
                                                    "application/json",
                                                    new MediaType()
                                                            .schema(new Schema<>()
                                                                    .$ref("#/components/schemas/" + ERROR_SCHEMA))
                                                            .example(ErrorExamples.of(status)))));
        }
    }
}
