package io.voicepartner.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.messaging.EventCatalogue;
import io.voicepartner.api.messaging.EventCatalogue.EventType;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalogue is read from the sealed event families; these are the promises it makes to consumers. */
class EventCatalogueTest {

    @ParameterizedTest
    @EnumSource(AggregateType.class)
    void everyEventFamilyIsSealed(AggregateType aggregateType) {
        assertThat(aggregateType.eventFamily().isSealed()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("familyMembers")
    void cataloguesEveryEventOfEveryFamilyUnderItsAggregateType(AggregateType aggregateType, Class<?> event) {
        assertThat(EventCatalogue.all())
                .filteredOn(type -> type.eventClass().equals(event))
                .singleElement()
                .satisfies(type -> {
                    assertThat(type.aggregateType()).isEqualTo(aggregateType);
                    assertThat(type.name()).isEqualTo(event.getSimpleName());
                    assertThat(EventCatalogue.of(event)).isEqualTo(type);
                    assertThat(EventCatalogue.byName(type.name())).contains(type);
                });
    }

    @Test
    void cataloguesNothingButTheFamilies() {
        List<Class<?>> catalogued = EventCatalogue.all().stream()
                .<Class<?>>map(EventType::eventClass)
                .toList();
        List<Class<?>> permitted = familyMembers()
                .<Class<?>>map(arguments -> (Class<?>) arguments.get()[1])
                .toList();

        assertThat(catalogued).containsExactlyInAnyOrderElementsOf(permitted);
    }

    @Test
    void givesEveryEventAUniqueName() {
        assertThat(EventCatalogue.all()).map(EventType::name).doesNotHaveDuplicates();
    }

    @Test
    void numbersEverySchemaFromOne() {
        assertThat(EventCatalogue.all())
                .allSatisfy(type -> assertThat(type.schemaVersion()).isPositive());
    }

    @ParameterizedTest
    @MethodSource("familyMembers")
    void everyEventIsARecordThatNamesItsOwner(AggregateType aggregateType, Class<?> event) {
        assertThat(event.isRecord()).as("%s is a record", event.getSimpleName()).isTrue();
        boolean ownerIsAComponent = Arrays.stream(event.getRecordComponents())
                .map(RecordComponent::getName)
                .anyMatch("ownerId"::equals);
        assertThat(ownerIsAComponent || familySuppliesOwner(aggregateType.eventFamily()))
                .as(
                        "%s has an owner_id, or its family %s supplies one",
                        event.getSimpleName(), aggregateType.eventFamily().getSimpleName())
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(AggregateType.class)
    void everyTopicBelongsToThePlatform(AggregateType aggregateType) {
        assertThat(aggregateType.topic()).startsWith("voicepartner.");
    }

    @Test
    void givesEveryAggregateTypeItsOwnTopicAndWireName() {
        assertThat(Arrays.stream(AggregateType.values()).map(AggregateType::topic))
                .doesNotHaveDuplicates();
        assertThat(Arrays.stream(AggregateType.values()).map(AggregateType::wireName))
                .doesNotHaveDuplicates();
    }

    @Test
    void refusesAClassThatIsNoCataloguedEvent() {
        assertThat(EventCatalogue.byName("DomainEvent")).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> EventCatalogue.of(DomainEvent.class));
    }

    static Stream<Arguments> familyMembers() {
        return Arrays.stream(AggregateType.values())
                .flatMap(aggregateType -> Arrays.stream(
                                aggregateType.eventFamily().getPermittedSubclasses())
                        .map(event -> Arguments.of(aggregateType, event)));
    }

    /** A family such as {@code UserEvent} derives the owner from the aggregate (a user owns their account). */
    private static boolean familySuppliesOwner(Class<?> family) {
        return Stream.of(family.getDeclaredMethods())
                .filter(method -> method.getName().equals("ownerId") && method.getParameterCount() == 0)
                .anyMatch(Method::isDefault);
    }
}
