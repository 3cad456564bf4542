package io.voicepartner.command.web;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.messaging.EventLimits;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.support.web.ApiException;
import io.voicepartner.support.web.JsonPaths;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Reads a JSON write body into a request record and remembers which fields were sent, as JSON Merge
 * Patch needs: a field left out is kept, a field sent as {@code null} is cleared. Every problem is
 * reported at once, each naming its field: unknown fields, fields the server owns, wrong types, and the
 * record's Jakarta Validation constraints.
 */
@Component
public class JsonRequestReader {

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    /** Fields every resource carries that only the server writes (no mass assignment). */
    public static final Set<String> SERVER_OWNED =
            Set.of("id", "owner_id", "organization_id", "created_by", "created_at", "updated_at", "revision");

    private final ObjectMapper objectMapper;
    private final Validator validator;
    private final Map<Class<?>, Map<String, JavaType>> propertiesByType = new ConcurrentHashMap<>();

    JsonRequestReader(ObjectMapper objectMapper, Validator validator) {
        this.objectMapper = objectMapper;
        this.validator = validator;
    }

    /** A request record and the JSON names of the fields the client sent (explicit {@code null}s included). */
    public record Sent<T>(T value, Set<String> fields) {

        public boolean has(String field) {
            return fields.contains(field);
        }
    }

    /**
     * @param notWritable fields this route does not take, beyond {@link #SERVER_OWNED}, each with the reason
     * @param required fields that must be sent, and not as {@code null}
     * @param notNull  fields that, if sent, must not be {@code null}
     */
    public <T> Sent<T> read(
            JsonNode body,
            Class<T> type,
            Map<String, String> notWritable,
            Collection<String> required,
            Collection<String> notNull) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "A JSON object body is required.");
        }
        if (!body.isObject()) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "The request body must be a JSON object.");
        }
        Map<String, JavaType> properties = propertiesOf(type);
        List<FieldError> errors = new ArrayList<>();
        Set<String> sent = new LinkedHashSet<>();
        ObjectNode readable = ((ObjectNode) body).deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            Optional<FieldError> error = fieldError(name, field.getValue(), properties, notWritable, required, notNull);
            if (error.isPresent()) {
                errors.add(error.get());
                readable.remove(name);
            } else {
                sent.add(name);
            }
        }
        required.stream()
                .filter(name -> !body.has(name))
                .forEach(name -> errors.add(new FieldError(name, "is required")));
        // the fields that could be read are still checked, so that the client hears of every problem at once
        T value = objectMapper.convertValue(readable, type);
        validator.validate(value).stream().map(JsonRequestReader::fieldError).forEach(errors::add);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors.stream()
                    .sorted(Comparator.comparing(FieldError::field))
                    .toList());
        }
        return new Sent<>(value, Set.copyOf(sent));
    }

    private Optional<FieldError> fieldError(
            String name,
            JsonNode value,
            Map<String, JavaType> properties,
            Map<String, String> notWritable,
            Collection<String> required,
            Collection<String> notNull) {
        if (EventLimits.unstorable(name) != null) {
            return Optional.of(new FieldError(StorableValues.printable(name), "is not a known field"));
        }
        if (SERVER_OWNED.contains(name)) {
            return Optional.of(new FieldError(name, "is set by the server and cannot be written"));
        }
        if (notWritable.containsKey(name)) {
            return Optional.of(new FieldError(name, notWritable.get(name)));
        }
        if (!properties.containsKey(name)) {
            return Optional.of(new FieldError(name, "is not a known field"));
        }
        if (value.isNull()) {
            return notNull.contains(name) || required.contains(name)
                    ? Optional.of(new FieldError(name, "cannot be null"))
                    : Optional.empty();
        }
        Optional<FieldError> unstorable = StorableValues.problemOf(name, value);
        if (unstorable.isPresent()) {
            return unstorable;
        }
        return typeError(name, value, properties.get(name)).or(() -> timeError(name, value, properties.get(name)));
    }

    /** A time outside what every consumer stores (PostgreSQL's range, four-digit years) is never accepted. */
    private Optional<FieldError> timeError(String name, JsonNode value, JavaType type) {
        if (type.getRawClass() != Instant.class) {
            return Optional.empty();
        }
        Instant time = objectMapper.convertValue(value, Instant.class);
        return EventLimits.isStorable(time)
                ? Optional.empty()
                : Optional.of(new FieldError(
                        name, "must be between " + EventLimits.EARLIEST_TIME + " and " + EventLimits.LATEST_TIME));
    }

    private Optional<FieldError> typeError(String name, JsonNode value, JavaType type) {
        try {
            objectMapper.readerFor(type).readValue(objectMapper.treeAsTokens(value));
            return Optional.empty();
        } catch (ValueInstantiationException | InvalidFormatException e) {
            // a creator's own refusal (an enum's list of valid values) says it best; otherwise the expected type
            Throwable root = rootCause(e);
            JavaType expected = e instanceof InvalidFormatException format && format.getTargetType() != null
                    ? objectMapper.constructType(format.getTargetType())
                    : type;
            return Optional.of(new FieldError(
                    qualified(name, e),
                    root instanceof IllegalArgumentException ? root.getMessage() : expectation(expected)));
        } catch (MismatchedInputException e) {
            // a wrong value inside an array or object is named where it is, with the type expected there
            return e.getPath().isEmpty() || e.getTargetType() == null
                    ? Optional.of(new FieldError(name, expectation(type)))
                    : Optional.of(new FieldError(
                            qualified(name, e), expectation(objectMapper.constructType(e.getTargetType()))));
        } catch (IOException e) {
            return Optional.of(new FieldError(name, expectation(type)));
        }
    }

    private static String qualified(String name, JsonMappingException e) {
        String inner = JsonPaths.of(e);
        return inner.isEmpty() ? name : name + (inner.startsWith("[") ? "" : ".") + inner;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String expectation(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class) {
            return "must be a string";
        }
        if (raw == Integer.class || raw == Long.class) {
            return "must be an integer";
        }
        if (Number.class.isAssignableFrom(raw)) {
            return "must be a number";
        }
        if (raw == Boolean.class) {
            return "must be true or false";
        }
        if (type.isMapLikeType()) {
            return "must be a JSON object";
        }
        if (type.isCollectionLikeType()) {
            return "must be an array of " + expectation(type.getContentType()).replaceFirst("^must be an? ", "") + "s";
        }
        return "has an invalid value";
    }

    /** Record components are named as the client wrote them (snake_case); map keys exactly as sent. */
    private static FieldError fieldError(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKey() != null) {
                field.append('.').append(node.getKey());
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                field.append(field.isEmpty() ? "" : ".").append(SNAKE_CASE.translate(node.getName()));
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
        }
        return new FieldError(field.toString(), violation.getMessage());
    }

    private Map<String, JavaType> propertiesOf(Class<?> type) {
        return propertiesByType.computeIfAbsent(type, key -> {
            JavaType javaType = objectMapper.constructType(key);
            BeanDescription description =
                    objectMapper.getDeserializationConfig().introspect(javaType);
            return description.findProperties().stream()
                    .collect(Collectors.toUnmodifiableMap(
                            BeanPropertyDefinition::getName, BeanPropertyDefinition::getPrimaryType));
        });
    }
}
