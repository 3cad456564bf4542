package io.voicepartner.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a tool's placeholders are ({@code authentication}'s values, {@code headers}' values, the endpoint's query
 * parameters), and a tool's fields with them replaced by the request's secrets.
 */
final class ToolSecrets {

    private static final Pattern IN_TEXT = Pattern.compile("\\$\\{secret:([^}]{1,200})}");

    private ToolSecrets() {}

    /**
     * @param fallback what a placeholder whose secret is not given becomes; {@code null} leaves it as it is
     * @return a copy of the tool's fields with its placeholders replaced
     */
    static ObjectNode resolve(ObjectNode tool, Map<String, String> secrets, String fallback) {
        ObjectNode resolved = tool.deepCopy();
        for (String field : List.of("authentication", "headers")) {
            if (resolved.path(field).isObject()) {
                ObjectNode values = (ObjectNode) resolved.get(field);
                values.fieldNames().forEachRemaining(name -> {
                    JsonNode value = values.get(name);
                    if (value.isTextual()) {
                        values.put(name, replace(value.asText(), secrets, fallback));
                    }
                });
            }
        }
        if (resolved.path("endpoint").isTextual()) {
            resolved.put("endpoint", replace(resolved.get("endpoint").asText(), secrets, fallback));
        }
        return resolved;
    }

    static JsonNode resolve(JsonNode value, Map<String, String> secrets) {
        if (value.isTextual()) {
            return TextNode.valueOf(replace(value.asText(), secrets, null));
        }
        if (value.isObject()) {
            ObjectNode copy = ((ObjectNode) value).deepCopy();
            copy.fieldNames().forEachRemaining(name -> {
                if (copy.get(name).isTextual()) {
                    copy.put(name, replace(copy.get(name).asText(), secrets, null));
                }
            });
            return copy;
        }
        return value;
    }

    /** The names of the placeholders in a value (a string, or an object of strings). */
    static List<String> names(JsonNode value) {
        List<String> names = new ArrayList<>();
        if (value.isTextual()) {
            Matcher matcher = IN_TEXT.matcher(value.asText());
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        } else if (value.isObject()) {
            value.elements().forEachRemaining(element -> names.addAll(names(element)));
        }
        return names;
    }

    /**
     * A value with every placeholder the same, whatever it names: two values equal in this form hold the same
     * settings and, for their credentials, "the one stored".
     */
    static JsonNode canonical(JsonNode value) {
        if (value.isTextual()) {
            return TextNode.valueOf(IN_TEXT.matcher(value.asText()).replaceAll(Secrets.MASK));
        }
        if (value.isObject()) {
            ObjectNode copy = ((ObjectNode) value).deepCopy();
            copy.fieldNames().forEachRemaining(name -> copy.set(name, canonical(copy.get(name))));
            return copy;
        }
        return value;
    }

    /**
     * Where each placeholder of a tool's field is, as {@link StoredCredentials} names a stored credential
     * ({@code authentication.token}, {@code headers.X-Api-Key}, {@code endpoint.api_key}), with the name it gives.
     */
    static Map<String, String> locations(String field, JsonNode value) {
        Map<String, String> locations = new LinkedHashMap<>();
        if (value.isObject()) {
            value.fields()
                    .forEachRemaining(entry -> Secrets.nameIn(entry.getValue().asText(null))
                            .ifPresent(name -> locations.put(field + "." + entry.getKey(), name)));
        } else if (value.isTextual() && field.equals("endpoint")) {
            String endpoint = value.asText();
            int query = endpoint.indexOf('?');
            if (query >= 0) {
                for (String parameter : endpoint.substring(query + 1).split("[&#]", -1)) {
                    int equals = parameter.indexOf('=');
                    if (equals > 0) {
                        String name = parameter.substring(0, equals);
                        Secrets.nameIn(parameter.substring(equals + 1))
                                .ifPresent(secret -> locations.put("endpoint." + name, secret));
                    }
                }
            }
        }
        return locations;
    }

    private static String replace(String text, Map<String, String> secrets, String fallback) {
        Matcher matcher = IN_TEXT.matcher(text);
        StringBuilder replaced = new StringBuilder();
        while (matcher.find()) {
            String secret = secrets.get(matcher.group(1));
            String value = secret != null ? secret : fallback != null ? fallback : matcher.group();
            matcher.appendReplacement(replaced, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(replaced);
        return replaced.toString();
    }
}
