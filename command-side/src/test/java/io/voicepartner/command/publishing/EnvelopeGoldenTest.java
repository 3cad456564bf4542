package io.voicepartner.command.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.assistant.AssistantDeleted;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.messaging.EventCatalogue;
import io.voicepartner.api.messaging.EventHeaders;
import io.voicepartner.command.common.StreamIds;
import io.voicepartner.support.json.JsonConventions;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Kafka record of every event type, pinned: a fixed instance of each, every field set, is written as the
 * publisher writes it and compared with its golden file under {@code src/test/resources/golden/envelopes}.
 * Consumers outside this repository read these records, and stored events are replayed through the same
 * serialisation, so a change of their shape (a renamed field, another time format, a dropped {@code null})
 * must fail here first and be made on purpose: with an upcaster or a new schema version, and new golden files.
 *
 * <p>A missing golden file fails the test. After a deliberate change, write the files anew with
 * {@code ./mvnw -pl command-side test -Dtest=EnvelopeGoldenTest -Dgolden.write=true} and review their diff.
 */
class EnvelopeGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/envelopes");
    private static final Instant AT = Instant.parse("2026-01-15T10:30:00.123Z");
    private static final String AGGREGATE_ID = "0190f2c4-0000-7000-8000-00000000000a";
    private static final ObjectMapper JSON = JsonConventions.newObjectMapper();

    private final EventRecords records = new EventRecords(JSON);

    @TestFactory
    Stream<DynamicTest> everyEventTypeKeepsItsRecord() {
        return EventCatalogue.all().stream()
                .map(type -> DynamicTest.dynamicTest(type.name(), () -> {
                    DomainEvent event = (DomainEvent) instance(type.eventClass());
                    GenericDomainEventMessage<DomainEvent> message = new GenericDomainEventMessage<>(
                            type.aggregateType().wireName(),
                            streamOf(type.aggregateType(), AGGREGATE_ID),
                            2,
                            event,
                            MetaData.with("actor", "0190f2c4-0000-7000-8000-00000000000b")
                                    .and("request_id", "req-1"),
                            "0190f2c4-0000-7000-8000-00000000000e",
                            AT);
                    ProducerRecord<String, byte[]> record = records.recordOf(event, message, 42);
                    ObjectNode actual =
                            JSON.createObjectNode().put("topic", record.topic()).put("key", record.key());
                    actual.set("headers", headers(record));
                    actual.set("value", JSON.readTree(record.value()));
                    Path golden = GOLDEN.resolve(type.name() + ".json");
                    if (Boolean.getBoolean("golden.write")) {
                        Files.createDirectories(GOLDEN);
                        Files.writeString(
                                golden,
                                JSON.copy()
                                                .enable(SerializationFeature.INDENT_OUTPUT)
                                                .writeValueAsString(actual) + "\n");
                    }
                    if (!Files.exists(golden)) {
                        fail("no golden record for " + type.name() + " at " + golden
                                + ": write it with -Dgolden.write=true " + "and review it");
                    }
                    assertThat((JsonNode) actual).as(type.name()).isEqualTo(JSON.readTree(Files.readString(golden)));
                }));
    }

    /** The request id is additive: an event no request caused has none, in the value and the headers alike. */
    @Test
    void anEventNoRequestCausedCarriesNoRequestId() throws Exception {
        AssistantDeleted event = new AssistantDeleted(AGGREGATE_ID, "organizationId");
        GenericDomainEventMessage<DomainEvent> message = new GenericDomainEventMessage<>(
                "assistant",
                AGGREGATE_ID,
                2,
                event,
                MetaData.with("actor", "system"),
                "0190f2c4-0000-7000-8000-00000000000e",
                AT);

        ProducerRecord<String, byte[]> record = records.recordOf(event, message, 42);

        assertThat(JSON.readTree(record.value()).has("request_id")).isFalse();
        assertThat(record.headers().lastHeader(EventHeaders.REQUEST_ID)).isNull();
    }

    /** The stream the store keeps the aggregate's events in; the record names the aggregate by its id. */
    private static String streamOf(AggregateType type, String aggregateId) {
        return type == AggregateType.ORGANIZATION ? StreamIds.ofOrganization(aggregateId) : aggregateId;
    }

    private static JsonNode headers(ProducerRecord<String, byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return JSON.valueToTree(headers);
    }

    /** An instance of a record with every component set to a value derived from its name and type. */
    private static Object instance(Class<?> type) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i].getName(), components[i].getGenericType());
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object value(String name, Type type) throws ReflectiveOperationException {
        Class<?> raw = type instanceof ParameterizedType parameterized
                ? (Class<?>) parameterized.getRawType()
                : (Class<?>) type;
        if (raw == String.class || raw == Object.class) {
            return name;
        } else if (raw == Instant.class) {
            return AT;
        } else if (raw == LocalDate.class) {
            return LocalDate.of(2026, 1, 15);
        } else if (raw == long.class || raw == Long.class) {
            return 7L;
        } else if (raw == int.class || raw == Integer.class) {
            return 3;
        } else if (raw == double.class || raw == Double.class) {
            return 0.5;
        } else if (raw == boolean.class || raw == Boolean.class) {
            return true;
        } else if (raw == BigDecimal.class) {
            return new BigDecimal("9.99");
        } else if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        } else if (raw.isRecord()) {
            return instance(raw);
        } else if (raw == List.class || raw == Set.class) {
            Object one = value(name, ((ParameterizedType) type).getActualTypeArguments()[0]);
            return raw == List.class ? List.of(one) : Set.of(one);
        } else if (raw == Map.class) {
            Object one = value(name + "_value", ((ParameterizedType) type).getActualTypeArguments()[1]);
            return Map.of(name + "_key", one);
        }
        throw new IllegalStateException("no fixed value for a " + type + " (" + name + "): teach the test one");
    }
}
