package io.voicepartner.support.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The reference a client reads: the catalogues in {@code api-reference/*.yaml}, one per resource as users
 * see it (Assistants, Tools, …, whichever side serves the route), give every operation its tag,
 * {@code operationId}, summary, description and parameter descriptions. They are kept beside, not inside,
 * the controllers so that a controller stays a translation of HTTP into a command and the prose is edited in
 * one place. A route without an entry is left as springdoc made it, which {@code OpenApiIT} refuses.
 * Response examples are composed from the schemas (with the catalogue's sample values), so they match
 * the schemas by construction.
 */
final class ApiReference {

    private static final String LOCATION = "classpath*:api-reference/*.yaml";
    private static final String SCHEMAS = "#/components/schemas/";
    private static final int MAX_DEPTH = 8;

    private final List<TagEntry> tags;
    private final Map<String, JsonNode> operations;
    private final Map<String, String> parameters;
    private final Map<String, JsonNode> values;
    private final ObjectMapper json;

    private record TagEntry(String name, String description, int order) {}

    private ApiReference(
            List<TagEntry> tags,
            Map<String, JsonNode> operations,
            Map<String, String> parameters,
            Map<String, JsonNode> values,
            ObjectMapper json) {
        this.tags = tags;
        this.operations = operations;
        this.parameters = parameters;
        this.values = values;
        this.json = json;
    }

    /** Reads every catalogue on the class path; a malformed one fails the start, not the reader. */
    static ApiReference load(ObjectMapper json) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<TagEntry> tags = new ArrayList<>();
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        Map<String, String> parameters = new LinkedHashMap<>();
        Map<String, JsonNode> values = new LinkedHashMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                JsonNode catalogue;
                try (InputStream in = resource.getInputStream()) {
                    catalogue = yaml.readTree(in);
                }
                if (catalogue.hasNonNull("tag")) {
                    tags.add(new TagEntry(
                            catalogue.path("tag").asText(),
                            catalogue.path("description").asText(),
                            catalogue.path("order").asInt(100)));
                }
                catalogue.path("operations").properties().forEach(entry -> {
                    JsonNode previous = operations.put(entry.getKey(), entry.getValue());
                    if (previous != null) {
                        throw new IllegalStateException("Two catalogue entries for " + entry.getKey());
                    }
                    ((ObjectNode) entry.getValue())
                            .put("tag", catalogue.path("tag").asText());
                });
                catalogue.path("parameters").properties().forEach(entry -> {
                    String previous =
                            parameters.put(entry.getKey(), entry.getValue().asText());
                    if (previous != null && !previous.equals(entry.getValue().asText())) {
                        // a shared description means one thing everywhere; a route's own goes in its entry
                        throw new IllegalStateException("Two shared descriptions of the parameter " + entry.getKey());
                    }
                });
                catalogue.path("values").properties().forEach(entry -> values.put(entry.getKey(), entry.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The API reference catalogues cannot be read", e);
        }
        tags.sort(Comparator.comparingInt(TagEntry::order));
        return new ApiReference(List.copyOf(tags), operations, parameters, values, json);
    }

    void applyTo(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        dropTrailingSlashTwins(openApi);
        portablePatterns(openApi);
        openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    JsonNode entry = operations.get(method.name() + " " + path);
                    if (entry != null) {
                        describe(operation, entry);
                    }
                    describeParameters(operation, entry);
                    addExamples(openApi, operation);
                }));
        List<String> served = openApi.getPaths().values().stream()
                .flatMap(item -> item.readOperations().stream())
                .flatMap(operation ->
                        Optional.ofNullable(operation.getTags()).stream().flatMap(List::stream))
                .distinct()
                .toList();
        // only the tags this process serves: in the split deployment each side documents its own routes
        openApi.setTags(tags.stream()
                .filter(tag -> served.contains(tag.name()))
                .map(tag -> new Tag().name(tag.name()).description(tag.description()))
                .toList());
    }

    /**
     * Collection routes answer with and without a trailing slash; the document names each once, without it,
     * so that a generated client has one method per operation.
     */
    private static void dropTrailingSlashTwins(OpenAPI openApi) {
        Paths paths = openApi.getPaths();
        List<String> twins = paths.keySet().stream()
                .filter(path -> path.length() > 1 && path.endsWith("/"))
                .filter(path -> paths.containsKey(path.substring(0, path.length() - 1)))
                .toList();
        twins.forEach(paths::remove);
    }

    /**
     * Bean Validation patterns are Java regular expressions; JSON Schema's are ECMA-262 and unanchored. The
     * DOTALL flag Java needs ({@code (?s).*\S.*}) becomes a class that matches line ends, so validators and
     * generated clients in any language read the same rule.
     */
    private static void portablePatterns(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        for (Schema<?> schema : openApi.getComponents().getSchemas().values()) {
            if (schema.getProperties() != null) {
                for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
                    portablePattern(property.getValue());
                    anyValues(property.getValue());
                    if (isAnyValue(property.getValue())) {
                        property.setValue(new Schema<>());
                    }
                }
            }
        }
    }

    /**
     * An {@code Object} component (a history entry's {@code from} and {@code to}) is read as "an object"; it holds any
     * JSON value (a name, a number, a list), which the empty schema says.
     */
    private static boolean isAnyValue(Schema<?> schema) {
        return "object".equals(schema.getType())
                && schema.getProperties() == null
                && schema.getAdditionalProperties() == null
                && schema.get$ref() == null;
    }

    /**
     * A {@code Map<String, Object>} (capabilities, authentication, arguments) is read as "values are objects";
     * its values are any JSON, so a validator must not refuse {@code {"type": "bearer"}}.
     */
    private static void anyValues(Schema<?> schema) {
        if (schema.getAdditionalProperties() instanceof Schema<?> values
                && "object".equals(values.getType())
                && values.getProperties() == null
                && values.get$ref() == null) {
            schema.setAdditionalProperties(true);
        }
    }

    private static void portablePattern(Schema<?> schema) {
        if (schema.getPattern() != null && schema.getPattern().startsWith("(?s)")) {
            schema.setPattern(schema.getPattern().substring(4).replaceAll("(?<!\\\\)\\.", "[\\\\s\\\\S]"));
        }
        if (schema.getItems() != null) {
            portablePattern(schema.getItems());
        }
    }

    private void describe(Operation operation, JsonNode entry) {
        operation.setTags(List.of(entry.path("tag").asText()));
        operation.setOperationId(entry.path("operationId").asText(null));
        operation.setSummary(entry.path("summary").asText(null));
        operation.setDescription(entry.path("description").asText(null));
        if (entry.has("requestExample")
                && operation.getRequestBody() != null
                && operation.getRequestBody().getContent() != null) {
            Object example = json.convertValue(entry.path("requestExample"), Object.class);
            operation.getRequestBody().getContent().values().forEach(media -> media.setExample(example));
        }
        if (entry.has("requestSchema")
                && operation.getRequestBody() != null
                && operation.getRequestBody().getContent() != null) {
            Schema<?> schema = Json.mapper().convertValue(entry.path("requestSchema"), Schema.class);
            operation.getRequestBody().getContent().values().forEach(media -> media.setSchema(schema));
        }
        entry.path("responses").properties().forEach(response -> {
            ApiResponse answer = operation.getResponses().get(response.getKey());
            JsonNode declared = response.getValue();
            if (answer == null) {
                answer = new ApiResponse();
                operation.getResponses().addApiResponse(response.getKey(), answer);
            }
            if (declared.has("from")) {
                // the route answers with another status than springdoc read from its signature
                ApiResponse generated =
                        operation.getResponses().remove(declared.path("from").asText());
                if (generated != null) {
                    answer.setContent(generated.getContent());
                }
            }
            if (declared.has("description")) {
                answer.setDescription(declared.path("description").asText());
            }
            if (declared.has("contentType")) {
                Schema<?> schema = Json.mapper().convertValue(declared.path("schema"), Schema.class);
                MediaType media = new MediaType().schema(schema);
                if (declared.has("example")) {
                    media.setExample(json.convertValue(declared.path("example"), Object.class));
                }
                answer.setContent(
                        new Content().addMediaType(declared.path("contentType").asText(), media));
            } else if (declared.has("example") && answer.getContent() != null) {
                // an example worth more than one composed from the schema, of the answer the route declares
                Object example = json.convertValue(declared.path("example"), Object.class);
                answer.getContent().values().forEach(media -> media.setExample(example));
            }
        });
    }

    private void describeParameters(Operation operation, JsonNode entry) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            typeQueryParameter(parameter);
            String own = entry == null
                    ? null
                    : entry.path("parameters").path(parameter.getName()).asText(null);
            String description = own != null ? own : parameters.get(parameter.getName());
            if (description != null) {
                parameter.setDescription(description);
            }
        }
    }

    /**
     * The controllers take these query parameters as strings, so that a bad value is a 400 naming it rather
     * than a conversion error; the document says what a client sends, so that a generated client offers
     * {@code limit: 20} and not {@code limit: "20"}.
     */
    private static void typeQueryParameter(Parameter parameter) {
        if (!"query".equals(parameter.getIn())
                || parameter.getSchema() == null
                || !"string".equals(parameter.getSchema().getType())) {
            return;
        }
        switch (parameter.getName()) {
            case "limit" ->
                parameter.setSchema(new IntegerSchema().minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(200)));
            case "revision" -> parameter.setSchema(new IntegerSchema().minimum(BigDecimal.ONE));
            case "is_active", "success" -> parameter.setSchema(new BooleanSchema());
            default -> {}
        }
    }

    /** Every JSON body and answer without an example gets one composed from its schema. */
    private void addExamples(OpenAPI openApi, Operation operation) {
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            operation.getRequestBody().getContent().forEach((type, media) -> {
                if (media.getExample() == null && media.getExamples() == null && media.getSchema() != null) {
                    media.setExample(json.convertValue(sample(openApi, media.getSchema(), null, 0), Object.class));
                }
            });
        }
        if (operation.getResponses() == null) {
            return;
        }
        operation.getResponses().forEach((status, response) -> {
            if (response.getContent() == null) {
                return;
            }
            response.getContent().forEach((type, media) -> {
                if (media.getExample() != null
                        || media.getExamples() != null
                        || media.getSchema() == null
                        || !type.contains("json")) {
                    return;
                }
                media.setExample(json.convertValue(sample(openApi, media.getSchema(), null, 0), Object.class));
            });
        });
    }

    /** A value of the schema: the catalogue's sample for the property name where it fits, else from the type. */
    private JsonNode sample(OpenAPI openApi, Schema<?> schema, String property, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(SCHEMAS.length());
            Schema<?> target = openApi.getComponents().getSchemas().get(name);
            return target == null || depth > MAX_DEPTH
                    ? nodes.objectNode()
                    : sample(openApi, target, property, depth + 1);
        }
        if (schema.getExample() != null) {
            return json.valueToTree(schema.getExample());
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return json.valueToTree(schema.getEnum().get(0));
        }
        String type = schema.getType() != null ? schema.getType() : schema.getProperties() != null ? "object" : null;
        JsonNode known = property == null ? null : values.get(property);
        if (known != null && fits(known, type)) {
            return known;
        }
        if (type == null) {
            return nodes.objectNode();
        }
        return switch (type) {
            case "object" -> {
                ObjectNode object = nodes.objectNode();
                if (schema.getProperties() != null && depth <= MAX_DEPTH) {
                    boolean single = schema.getProperties().containsKey("success")
                            && schema.getProperties().get("data") != null
                            && !"array"
                                    .equals(schema.getProperties().get("data").getType());
                    schema.getProperties().forEach((name, child) -> {
                        // a single resource's envelope has no page
                        if (!(single && "meta".equals(name))) {
                            object.set(name, sample(openApi, child, name, depth + 1));
                        }
                    });
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = nodes.arrayNode();
                if (schema.getItems() != null && depth <= MAX_DEPTH) {
                    array.add(sample(openApi, schema.getItems(), singular(property), depth + 1));
                }
                yield array;
            }
            case "integer" -> nodes.numberNode(1);
            case "number" -> nodes.numberNode(0.5);
            case "boolean" -> nodes.booleanNode(true);
            default ->
                nodes.textNode(
                        switch (Optional.ofNullable(schema.getFormat()).orElse("")) {
                            case "date-time" -> "2026-01-15T10:30:00.123Z";
                            case "date" -> "2026-01-15";
                            case "binary" -> "";
                            default -> property == null ? "text" : property.replace('_', ' ');
                        });
        };
    }

    private static String singular(String property) {
        return property == null ? null : property + "[]";
    }

    private static boolean fits(JsonNode value, String type) {
        if (type == null) {
            return true;
        }
        return switch (type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> false;
        };
    }

    List<String> tagNames() {
        return tags.stream().map(TagEntry::name).toList();
    }
}
