package io.voicepartner.query.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.voicepartner.api.messaging.EventCatalogue;
import io.voicepartner.support.json.JsonConventions;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Every event type of the shared-api catalogue with its fields, described in JSON terms. */
final class EventSchemas {

    /** Enum values are shown as they travel: by their JSON wire names. */
    private static final ObjectMapper JSON = JsonConventions.newObjectMapper();

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    /** {@code fields} only for objects, {@code items} only for arrays and maps, {@code values} only for enums. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Field(String name, String type, List<Field> fields, Field items, List<String> values) {}

    record EventSchema(String type, String aggregateType, String topic, int schemaVersion, List<Field> fields) {}

    private EventSchemas() {}

    static List<EventSchema> all() {
        return EventCatalogue.all().stream()
                .map(type -> new EventSchema(
                        type.name(),
                        type.aggregateType().wireName(),
                        type.aggregateType().topic(),
                        type.schemaVersion(),
                        fieldsOf(type.eventClass())))
                .toList();
    }

    private static List<Field> fieldsOf(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .map(component -> describe(SNAKE_CASE.translate(component.getName()), component.getGenericType()))
                .toList();
    }

    private static Field describe(String name, Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Map.class.isAssignableFrom(raw)) {
                return new Field(name, "object", null, describe(null, arguments[1]), null);
            }
            if (Collection.class.isAssignableFrom(raw)) {
                return new Field(name, "array", null, describe(null, arguments[0]), null);
            }
            return describe(name, raw);
        }
        Class<?> raw = (Class<?>) type;
        if (raw == String.class) {
            return new Field(name, "string", null, null, null);
        }
        if (raw == Integer.class || raw == Long.class || raw == int.class || raw == long.class) {
            return new Field(name, "integer", null, null, null);
        }
        if (Number.class.isAssignableFrom(raw) || raw == double.class) {
            return new Field(name, "number", null, null, null);
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return new Field(name, "boolean", null, null, null);
        }
        if (raw.isEnum()) {
            return new Field(
                    name,
                    "string",
                    null,
                    null,
                    Arrays.stream(raw.getEnumConstants())
                            .map(constant -> JSON.convertValue(constant, String.class))
                            .toList());
        }
        if (raw.isRecord()) {
            return new Field(name, "object", fieldsOf(raw), null, null);
        }
        return new Field(name, "object", null, null, null);
    }
}
