package io.voicepartner.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the declared request records and answered resources of the write routes into the API document:
 * {@code 201}/{@code 200} with the resource's envelope as its read route serves it, {@code 202} when the
 * read model had not caught up, and the deletion answer. The resource's answers carry the headers a client
 * writes with next: {@code ETag} (its If-Match) and, on a create, {@code Location}.
 */
@Configuration(proxyBeanMethods = false)
class WriteDocumentation {

    private static final String SCHEMAS = "#/components/schemas/";

    @Bean
    OpenApiCustomizer writeRoutes(ObjectMapper objectMapper, ObjectProvider<DocumentedWrites> documented) {
        return openApi -> {
            ModelConverters converters = new ModelConverters();
            converters.addConverter(new ModelResolver(objectMapper));
            converters.readAll(WriteResponses.Accepted.class).forEach(openApi.getComponents()::addSchemas);
            converters.readAll(WriteResponses.Deleted.class).forEach(openApi.getComponents()::addSchemas);
            documented
                    .orderedStream()
                    .flatMap(writes -> writes.routes().stream())
                    .forEach(route -> {
                        for (String path : List.of(route.path(), route.path() + "/")) {
                            PathItem item = openApi.getPaths() == null
                                    ? null
                                    : openApi.getPaths().get(path);
                            Operation operation = item == null
                                    ? null
                                    : item.readOperationsMap()
                                            .get(PathItem.HttpMethod.valueOf(
                                                    route.method().name()));
                            if (operation != null) {
                                document(openApi, converters, operation, route, objectMapper);
                            }
                        }
                    });
        };
    }

    private static void document(
            OpenAPI openApi,
            ModelConverters converters,
            Operation operation,
            DocumentedWrites.Route route,
            ObjectMapper objectMapper) {
        if (route.request() != null && operation.getRequestBody() != null) {
            converters.readAll(route.request()).forEach(openApi.getComponents()::addSchemas);
            operation.getRequestBody().setRequired(true);
            operation.getRequestBody().getContent().values().forEach(media -> {
                media.setSchema(ref(route.request().getSimpleName()));
                if (route.example() != null) {
                    media.setExample(example(objectMapper, route.example()));
                }
            });
        }
        operation.getResponses().remove("200");
        if (route.resource() == null) {
            operation.getResponses().addApiResponse("200", json("Deleted; a read now answers 404", ref("Deleted")));
        } else {
            String envelope = "ApiResponse" + route.resource();
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            Schema<?> answered = schemas.containsKey(envelope) ? ref(envelope) : new Schema<>().type("object");
            route.successes()
                    .forEach(success -> operation
                            .getResponses()
                            .addApiResponse(
                                    Integer.toString(success.value()),
                                    withHeaders(
                                            success.value(),
                                            json("The resource as the next read shows it, with its ETag", answered))));
        }
        operation
                .getResponses()
                .addApiResponse(
                        "202",
                        json(
                                "Stored, but the read model had not caught up within the bound: read it at Location",
                                ref("Accepted")));
    }

    private static ApiResponse withHeaders(int status, ApiResponse response) {
        response.addHeaderObject(
                "ETag",
                new Header()
                        .schema(new StringSchema())
                        .example("\"3\"")
                        .description(
                                "The resource's revision, quoted: send it as If-Match to write only on this revision"));
        if (status == 201) {
            response.addHeaderObject(
                    "Location",
                    new Header().schema(new StringSchema()).description("Where the created resource is read"));
        }
        return response;
    }

    private static Object example(ObjectMapper objectMapper, String json) {
        try {
            return objectMapper.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A documented example is not JSON: " + json, e);
        }
    }

    private static ApiResponse json(String description, Schema<?> schema) {
        return new ApiResponse()
                .description(description)
                .content(new Content().addMediaType("application/json", new MediaType().schema(schema)));
    }

    private static Schema<?> ref(String name) {
        return new Schema<>().$ref(SCHEMAS + name);
    }
}
