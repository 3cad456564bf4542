package io.voicepartner.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * A resource as a bundle states it: the fields a client writes, as the resource's routes name them, and its relations
 * by {@code ref}, never by id. Credentials, which every read masks, become placeholders naming them
 * ({@link Secrets}). Made from what the resource's {@code GET} shows, so that an export says what a read says.
 */
final class BundleForm {

    static final List<String> TOOL_FIELDS = List.of(
            "name",
            "description",
            "endpoint",
            "method",
            "category",
            "parameters",
            "headers",
            "authentication",
            "is_active");
    static final List<String> FILE_FIELDS = List.of("name", "file_type", "file_size", "sha256", "description");
    static final List<String> ASSISTANT_FIELDS = List.of(
            "name",
            "description",
            "system_prompt",
            "llm_provider",
            "llm_model",
            "temperature",
            "max_tokens",
            "voice_provider",
            "voice_id",
            "voice_speed",
            "voice_pitch",
            "voice_stability",
            "language",
            "fallback_language",
            "first_message",
            "interruption_sensitivity",
            "silence_timeout",
            "response_delay",
            "status",
            "is_active",
            "capabilities");
    static final List<String> PHONE_NUMBER_FIELDS = List.of(
            "phone_number",
            "friendly_name",
            "capabilities",
            "country",
            "region",
            "locality",
            "provider",
            "monthly_price",
            "currency",
            "configuration",
            "status");
    /** An assistant's relations in a bundle: tools by ref, files by ref with the assignment's configuration. */
    static final Set<String> ASSISTANT_RELATIONS = Set.of("tools", "files");
    /** A phone number's relation: the assistant it reaches by ref, and the version it is pinned to, if any. */
    static final Set<String> PHONE_NUMBER_RELATIONS = Set.of("assistant", "assistant_version");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private BundleForm() {}

    /** What a field of a kind is called in its bundle form, in the order a bundle lists them. */
    static List<String> fields(Kind kind) {
        return switch (kind) {
            case TOOL -> TOOL_FIELDS;
            case FILE -> FILE_FIELDS;
            case ASSISTANT -> concat(ASSISTANT_FIELDS, List.of("tools", "files"));
            case PHONE_NUMBER -> concat(PHONE_NUMBER_FIELDS, List.of("assistant", "assistant_version"));
        };
    }

    /** @param refs every resource's ref by its id */
    static ObjectNode of(Kind kind, JsonNode view, String ref, Map<String, String> refs) {
        return switch (kind) {
            case TOOL -> tool(view, ref);
            case FILE -> file(view);
            case ASSISTANT -> assistant(view, refs);
            case PHONE_NUMBER -> phoneNumber(view, refs);
        };
    }

    /** A resource's name, which its ref is derived from. */
    static String nameOf(Kind kind, JsonNode view) {
        return switch (kind) {
            case FILE -> view.path("original_name").asText("");
            case PHONE_NUMBER -> view.path("phone_number").asText("");
            default -> view.path("name").asText("");
        };
    }

    private static ObjectNode tool(JsonNode view, String ref) {
        ObjectNode tool = copy(view, TOOL_FIELDS);
        if (view.path("endpoint").isTextual()) {
            tool.put("endpoint", endpointWithPlaceholders(view.path("endpoint").asText(), ref));
        }
        tool.set("headers", withPlaceholders(view.path("headers"), ref + ".headers."));
        tool.set("authentication", withPlaceholders(view.path("authentication"), ref + ".authentication."));
        return tool;
    }

    private static ObjectNode file(JsonNode view) {
        ObjectNode file = JSON.objectNode();
        file.set("name", view.path("original_name"));
        file.set("file_type", view.path("file_type"));
        file.set("file_size", view.path("file_size"));
        file.set("sha256", view.path("sha256"));
        file.set("description", view.path("description").isMissingNode() ? NullNode.instance : view.get("description"));
        return file;
    }

    private static ObjectNode assistant(JsonNode view, Map<String, String> refs) {
        ObjectNode assistant = copy(view, ASSISTANT_FIELDS);
        ArrayNode tools = assistant.putArray("tools");
        stream(view.path("tools"))
                .map(tool -> refs.get(tool.path("id").asText()))
                .filter(java.util.Objects::nonNull)
                .sorted()
                .forEach(tools::add);
        ArrayNode files = assistant.putArray("files");
        stream(view.path("files"))
                .filter(file -> refs.containsKey(file.path("id").asText()))
                .sorted(Comparator.comparing(file -> refs.get(file.path("id").asText())))
                .forEach(file -> {
                    ObjectNode assigned = files.addObject();
                    assigned.put("ref", refs.get(file.path("id").asText()));
                    assigned.set(
                            "config", file.path("assignment").isObject() ? file.get("assignment") : JSON.objectNode());
                });
        return assistant;
    }

    private static ObjectNode phoneNumber(JsonNode view, Map<String, String> refs) {
        ObjectNode number = copy(view, PHONE_NUMBER_FIELDS);
        String assistantId = view.path("assistant_id").asText(null);
        number.set("assistant", assistantId == null ? NullNode.instance : JSON.textNode(refs.get(assistantId)));
        number.set(
                "assistant_version",
                view.path("assistant_version").isNumber() ? view.get("assistant_version") : NullNode.instance);
        return number;
    }

    private static ObjectNode copy(JsonNode view, List<String> fields) {
        ObjectNode copy = JSON.objectNode();
        fields.forEach(field -> copy.set(
                field,
                view.path(field).isMissingNode()
                        ? NullNode.instance
                        : view.get(field).deepCopy()));
        return copy;
    }

    /** Each masked value of an object of strings (headers, authentication) as the placeholder naming it. */
    private static JsonNode withPlaceholders(JsonNode values, String prefix) {
        if (!values.isObject()) {
            return values.isMissingNode() ? NullNode.instance : values;
        }
        ObjectNode replaced = JSON.objectNode();
        values.fields()
                .forEachRemaining(field -> replaced.set(
                        field.getKey(),
                        Secrets.isMasked(field.getValue().asText(null))
                                ? JSON.textNode(Secrets.placeholder(prefix + field.getKey()))
                                : field.getValue()));
        return replaced;
    }

    /** The endpoint with each masked credential of its query string as the placeholder naming it. */
    static String endpointWithPlaceholders(String endpoint, String ref) {
        int query = endpoint.indexOf('?');
        if (query < 0) {
            return endpoint;
        }
        int fragment = endpoint.indexOf('#', query);
        String parameters = fragment < 0 ? endpoint.substring(query + 1) : endpoint.substring(query + 1, fragment);
        List<String> rewritten = new ArrayList<>();
        for (String parameter : parameters.split("&", -1)) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && Secrets.isMasked(parameter.substring(equals + 1))) {
                String name = parameter.substring(0, equals);
                rewritten.add(name + "=" + Secrets.placeholder(ref + ".endpoint." + name));
            } else {
                rewritten.add(parameter);
            }
        }
        return endpoint.substring(0, query + 1)
                + String.join("&", rewritten)
                + (fragment < 0 ? "" : endpoint.substring(fragment));
    }

    /** A ref from a name: lower case, runs of anything but letters and digits as one hyphen. */
    static String slug(String name, Kind kind) {
        String slug =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? kind.wireName().replace('_', '-') : slug;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
