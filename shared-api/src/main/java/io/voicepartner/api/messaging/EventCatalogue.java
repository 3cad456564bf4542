package io.voicepartner.api.messaging;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type of the platform, read from the sealed event families: adding a record to a family's
 * {@code permits} list is what publishes it.
 */
public final class EventCatalogue {

    /** One event type: its wire name (the simple class name), its record and where it travels. */
    public record EventType(
            String name, Class<? extends DomainEvent> eventClass, AggregateType aggregateType, int schemaVersion) {}

    private static final List<EventType> ALL = Arrays.stream(AggregateType.values())
            .flatMap(aggregateType -> Arrays.stream(aggregateType.eventFamily().getPermittedSubclasses())
                    .map(permitted -> eventType(permitted.asSubclass(DomainEvent.class), aggregateType)))
            .toList();

    private static final Map<String, EventType> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));

    private EventCatalogue() {}

    public static List<EventType> all() {
        return ALL;
    }

    public static Optional<EventType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static EventType of(Class<?> eventClass) {
        return byName(eventClass.getSimpleName())
                .filter(type -> type.eventClass().equals(eventClass))
                .orElseThrow(() -> new IllegalArgumentException(eventClass + " is not a catalogued event"));
    }

    private static EventType eventType(Class<? extends DomainEvent> eventClass, AggregateType aggregateType) {
        SchemaVersion version = eventClass.getAnnotation(SchemaVersion.class);
        return new EventType(
                eventClass.getSimpleName(), eventClass, aggregateType, version == null ? 1 : version.value());
    }
}
