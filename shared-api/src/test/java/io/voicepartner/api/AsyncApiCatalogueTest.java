package io.voicepartner.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventCatalogue;
import io.voicepartner.api.messaging.EventCatalogue.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code asyncapi.yaml} is the Kafka contract for consumers in any language, so it must keep up with the
 * Java records: every catalogued event is a message whose {@code data} schema lists exactly the record's
 * components (snake_case, all required, nested records and enums included), on the channel of its
 * aggregate's topic. Adding an event to a sealed family without documenting it fails here.
 */
class AsyncApiCatalogueTest {

    private static final Map<String, Object> DOCUMENT = load("/asyncapi.yaml");

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void documentsEveryEventWithExactlyTheFieldsOfItsRecord(EventType type) {
        Map<String, Object> data = resolve(envelopeProperties(type).get("data"), type.name() + ".data");

        assertDocuments(type.eventClass(), data, type.name() + ".data");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void namesEveryEventsTypeAndAggregateTypeInItsPayload(EventType type) {
        Map<String, Object> envelope = envelopeProperties(type);

        assertThat(map(envelope.get("type")).get("const"))
                .as("%s payload type", type.name())
                .isEqualTo(type.name());
        assertThat(map(envelope.get("aggregate_type")).get("const"))
                .as("%s payload aggregate_type", type.name())
                .isEqualTo(type.aggregateType().wireName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void publishesEveryEventOnTheChannelOfItsTopic(EventType type) {
        Map<String, Object> channel = channel(type.aggregateType().topic());

        assertThat(map(channel.get("messages")))
                .as("messages of channel %s", type.aggregateType().topic())
                .containsEntry(type.name(), Map.of("$ref", "#/components/messages/" + type.name()));
    }

    @ParameterizedTest
    @EnumSource(AggregateType.class)
    void documentsEveryTopicAsAChannel(AggregateType aggregateType) {
        Map<String, Object> channel = channel(aggregateType.topic());

        assertThat(map(map(channel.get("bindings")).get("kafka")).get("topic")).isEqualTo(aggregateType.topic());
    }

    @Test
    void documentsNoEventAndNoAggregateTypeThatTheCatalogueDoesNotHave() {
        List<String> events = EventCatalogue.all().stream().map(EventType::name).toList();
        List<String> aggregateTypes = Arrays.stream(AggregateType.values())
                .map(AggregateType::wireName)
                .toList();

        assertThat(map(components().get("messages")).keySet())
                .as("messages")
                .containsExactlyInAnyOrderElementsOf(events);
        assertThat(list(schema("EventType").get("enum")))
                .as("EventType enum")
                .containsExactlyInAnyOrderElementsOf(events);
        assertThat(list(schema("AggregateType").get("enum")))
                .as("AggregateType enum")
                .containsExactlyInAnyOrderElementsOf(aggregateTypes);
        assertThat(map(DOCUMENT.get("channels")).values())
                .map(channel -> map(channel).get("address"))
                .as("channel addresses")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(AggregateType.values())
                        .map(AggregateType::topic)
                        .toList());
    }

    static Stream<Named<EventType>> eventTypes() {
        return EventCatalogue.all().stream().map(type -> Named.of(type.name(), type));
    }

    /**
     * A record's schema lists exactly its components, all required but those Jackson leaves out when empty
     * ({@code @JsonInclude}), and nested records and enums (also as
     * list items or map values) are documented in turn; other types (strings, numbers, free-form maps) are
     * not compared.
     */
    private static void assertDocuments(Type type, Map<String, Object> schema, String where) {
        Class<?> raw = rawClass(type);
        if (raw.isRecord()) {
            List<String> fields = Arrays.stream(raw.getRecordComponents())
                    .map(c -> snakeCase(c.getName()))
                    .toList();
            Map<String, Object> properties = map(schema.get("properties"));
            assertThat(properties)
                    .as("%s (%s) has exactly the record's components as properties", where, raw.getSimpleName())
                    .containsOnlyKeys(fields);
            List<String> written = Arrays.stream(raw.getRecordComponents())
                    .filter(c -> !mayBeLeftOut(c))
                    .map(c -> snakeCase(c.getName()))
                    .toList();
            assertThat(list(schema.get("required")))
                    .as("%s (%s) requires every component Jackson always writes", where, raw.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(written);
            for (RecordComponent component : raw.getRecordComponents()) {
                String field = snakeCase(component.getName());
                if (isDocumentedInDetail(component.getGenericType())) {
                    assertDocuments(
                            component.getGenericType(),
                            resolve(properties.get(field), where + "." + field),
                            where + "." + field);
                }
            }
        } else if (raw.isEnum()) {
            assertThat(list(schema.get("enum")))
                    .as("%s (%s) lists the enum's wire values", where, raw.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(wireValues(raw));
        } else if (Collection.class.isAssignableFrom(raw)) {
            assertDocuments(typeArgument(type, 0), resolve(schema.get("items"), where + "[]"), where + "[]");
        } else if (Map.class.isAssignableFrom(raw)) {
            assertDocuments(
                    typeArgument(type, 1), resolve(schema.get("additionalProperties"), where + "{}"), where + "{}");
        }
    }

    /** A component Jackson writes only when it has a value ({@code @JsonInclude(NON_EMPTY)} and the like). */
    private static boolean mayBeLeftOut(RecordComponent component) {
        JsonInclude include = component.getAccessor().getAnnotation(JsonInclude.class);
        return include != null && include.value() != JsonInclude.Include.ALWAYS;
    }

    private static boolean isDocumentedInDetail(Type type) {
        Class<?> raw = rawClass(type);
        if (raw.isRecord() || raw.isEnum()) {
            return true;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return isDocumentedInDetail(typeArgument(type, 0));
        }
        return Map.class.isAssignableFrom(raw) && isDocumentedInDetail(typeArgument(type, 1));
    }

    /** The properties that a message's payload adds to the envelope: {@code type}, {@code data} and so on. */
    private static Map<String, Object> envelopeProperties(EventType type) {
        Object message = map(components().get("messages")).get(type.name());
        assertThat(message)
                .as("asyncapi.yaml documents %s as a message", type.name())
                .isNotNull();
        return list(map(map(message).get("payload")).get("allOf")).stream()
                .map(AsyncApiCatalogueTest::map)
                .filter(part -> part.containsKey("properties"))
                .map(part -> map(part.get("properties")))
                .filter(properties -> properties.containsKey("data"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(type.name() + " payload has no allOf part with a data property"));
    }

    private static Map<String, Object> channel(String topic) {
        return map(DOCUMENT.get("channels")).values().stream()
                .map(AsyncApiCatalogueTest::map)
                .filter(channel -> topic.equals(channel.get("address")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("asyncapi.yaml has no channel with address " + topic));
    }

    /** Follows {@code $ref}, and {@code allOf}/{@code oneOf}/{@code anyOf} of one schema (besides {@code null}). */
    private static Map<String, Object> resolve(Object schema, String where) {
        assertThat(schema).as("schema of %s", where).isNotNull();
        Map<String, Object> map = map(schema);
        if (map.containsKey("$ref")) {
            return resolve(pointer((String) map.get("$ref")), where);
        }
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            if (map.containsKey(combinator)) {
                List<Object> alternatives = list(map.get(combinator)).stream()
                        .filter(alternative -> !"null".equals(map(alternative).get("type")))
                        .toList();
                assertThat(alternatives)
                        .as("%s of %s: one schema besides null", combinator, where)
                        .hasSize(1);
                return resolve(alternatives.get(0), where);
            }
        }
        return map;
    }

    private static Object pointer(String ref) {
        assertThat(ref).startsWith("#/");
        Object node = DOCUMENT;
        for (String segment : ref.substring(2).split("/")) {
            node = map(node).get(segment);
            assertThat(node).as("%s resolves", ref).isNotNull();
        }
        return node;
    }

    private static Map<String, Object> components() {
        return map(DOCUMENT.get("components"));
    }

    private static Map<String, Object> schema(String name) {
        return map(map(components().get("schemas")).get(name));
    }

    /** As Jackson's {@code SNAKE_CASE} names record components: {@code secretHeaders} is {@code secret_headers}. */
    static String snakeCase(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** What Jackson writes for each constant: its {@code @JsonValue}, else its name. */
    private static List<Object> wireValues(Class<?> enumClass) {
        Method jsonValue = Arrays.stream(enumClass.getMethods())
                .filter(method -> method.isAnnotationPresent(JsonValue.class))
                .findFirst()
                .orElse(null);
        return Arrays.stream(enumClass.getEnumConstants())
                .map(constant -> {
                    try {
                        return jsonValue == null ? ((Enum<?>) constant).name() : jsonValue.invoke(constant);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> clazz) {
            return clazz;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType parameterized
                ? parameterized.getActualTypeArguments()[index]
                : Object.class;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return (List<Object>) node;
    }

    private static Map<String, Object> load(String resource) {
        try (InputStream in = AsyncApiCatalogueTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
