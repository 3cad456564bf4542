package io.voicepartner.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * Snapshots as the event store writes and reads them, for the round-trip test beside each aggregate: the
 * aggregate is sourced from events as a repository loads it, written with the snapshot serializer, read back,
 * and must equal the original field by field. The sample must set every field, so that a field the snapshot
 * loses cannot hide behind its default value.
 *
 * <p>Each aggregate's snapshot is also pinned ({@link #assertStoredAsGolden}): snapshots in the store outlive the
 * code that wrote them, so a change of their stored form must fail a test and be made on purpose (with a new
 * {@code @Revision}, which makes the stored ones disposable, ADR 0018). After a deliberate change, write the
 * files anew with {@code ./mvnw -pl command-side test -Dtest='*SnapshotTest' -Dgolden.write=true} and review
 * their diff.
 */
public final class SnapshotRoundTrip {

    private static final Serializer SNAPSHOTS = SnapshotConfiguration.serializer();
    private static final Serializer EVENTS = EventSerialization.serializer();
    private static final Path GOLDEN = Path.of("src/test/resources/golden/snapshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SnapshotRoundTrip() {}

    /**
     * The aggregate as a repository loading these events, without a snapshot, would hold it: each event is
     * read back from its stored form first, so the state holds the collections Jackson makes, as in production.
     */
    public static <T> T sourcedFrom(Class<T> type, String aggregateId, Object... events) {
        AggregateModel<T> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(type);
        EventSourcedAggregate<T> aggregate =
                EventSourcedAggregate.initialize(newInstance(type), model, null, NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(DomainEventStream.of(IntStream.range(0, events.length)
                .mapToObj(i -> new GenericDomainEventMessage<>(model.type(), aggregateId, i, stored(events[i])))));
        return aggregate.getAggregateRoot();
    }

    /** Writes the aggregate as a snapshot, under its class's revision, reads it back and compares every field. */
    public static void assertRoundTrips(Object aggregate) {
        assertThat(defaultFields(aggregate))
                .as("fields the sample leaves at their default")
                .isEmpty();

        SerializedObject<byte[]> snapshot = SNAPSHOTS.serialize(aggregate, byte[].class);
        Object read = SNAPSHOTS.deserialize(snapshot);

        assertThat(snapshot.getType().getName()).isEqualTo(aggregate.getClass().getName());
        assertThat(snapshot.getType().getRevision())
                .isEqualTo(aggregate.getClass().getAnnotation(Revision.class).value());
        assertThat(read).usingRecursiveComparison().isEqualTo(aggregate);
    }

    /**
     * The aggregate's snapshot as the store keeps it equals its golden file
     * ({@code golden/snapshots/<aggregate>.json}), and the golden file still loads into the same state.
     */
    public static void assertStoredAsGolden(Object aggregate) {
        Class<?> type = aggregate.getClass();
        Path golden = GOLDEN.resolve(type.getSimpleName() + ".json");
        try {
            JsonNode stored =
                    JSON.readTree(SNAPSHOTS.serialize(aggregate, byte[].class).getData());
            if (Boolean.getBoolean("golden.write")) {
                Files.createDirectories(GOLDEN);
                Files.writeString(
                        golden,
                        JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(stored) + "\n");
            }
            if (!Files.exists(golden)) {
                fail("no golden snapshot for " + type.getSimpleName() + " at " + golden
                        + ": write it with -Dgolden.write=true and review it");
            }
            assertThat(stored)
                    .as("the stored snapshot of %s", type.getSimpleName())
                    .isEqualTo(JSON.readTree(Files.readString(golden)));
            Object loaded = SNAPSHOTS.deserialize(new SimpleSerializedObject<>(
                    Files.readAllBytes(golden),
                    byte[].class,
                    type.getName(),
                    type.getAnnotation(Revision.class).value()));
            assertThat(loaded).usingRecursiveComparison().isEqualTo(aggregate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object stored(Object event) {
        return EVENTS.deserialize(EVENTS.serialize(event, byte[].class));
    }

    private static List<String> defaultFields(Object aggregate) {
        List<String> unset = new ArrayList<>();
        for (Field field : aggregate.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.setAccessible(true);
            try {
                if (isDefault(field.get(aggregate))) {
                    unset.add(field.getName());
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return unset;
    }

    private static boolean isDefault(Object value) {
        return value == null
                || Boolean.FALSE.equals(value)
                || (value instanceof Number number && number.longValue() == 0)
                || (value instanceof Collection<?> collection && collection.isEmpty())
                || (value instanceof Map<?, ?> map && map.isEmpty());
    }

    private static <T> T newInstance(Class<T> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Axon needs a no-argument constructor on " + type.getName(), e);
        }
    }
}
