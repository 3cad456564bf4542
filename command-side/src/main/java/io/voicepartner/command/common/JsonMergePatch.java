package io.voicepartner.command.common;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON Merge Patch (RFC 7396) of one JSON object, as every resource's nested objects are updated. */
public final class JsonMergePatch {

    private JsonMergePatch() {}

    /**
     * {@code null} for the whole patch clears the object; within it, {@code null} removes a key, a nested
     * object is merged into the nested object it meets, anything else replaces.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> merge(Map<String, ?> target, Map<String, ?> patch) {
        if (patch == null) {
            return Map.of();
        }
        Map<String, Object> result = new LinkedHashMap<>(target == null ? Map.of() : target);
        patch.forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else if (value instanceof Map<?, ?> nested) {
                Map<String, ?> existing = result.get(key) instanceof Map<?, ?> map ? (Map<String, ?>) map : Map.of();
                result.put(key, merge(existing, (Map<String, ?>) nested));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }
}
