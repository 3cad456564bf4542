package io.voicepartner.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/** Only a snapshot today's code would have written is used; any other is passed over, never misread. */
class CurrentSnapshotsTest {

    @Revision("3")
    static class Booking {}

    static class Unversioned {}

    private final CurrentSnapshots filter = new CurrentSnapshots(() -> List.of(Booking.class, Unversioned.class));

    @Test
    void acceptsASnapshotOfTheAggregatesCurrentRevision() {
        assertThat(filter.allow(snapshot(Booking.class.getName(), "3"))).isTrue();
    }

    @Test
    void ignoresASnapshotOfAnOlderRevision() {
        assertThat(filter.allow(snapshot(Booking.class.getName(), "2"))).isFalse();
    }

    @Test
    void ignoresASnapshotWithoutARevisionOnceTheAggregateHasOne() {
        assertThat(filter.allow(snapshot(Booking.class.getName(), null))).isFalse();
    }

    @Test
    void ignoresASnapshotOfAClassThatIsNoLongerAnAggregate() {
        assertThat(filter.allow(snapshot("io.voicepartner.command.booking.Booking", "3")))
                .isFalse();
    }

    @Test
    void treatsAnAggregateWithoutRevisionAsRevisionNone() {
        assertThat(filter.allow(snapshot(Unversioned.class.getName(), null))).isTrue();
        assertThat(filter.allow(snapshot(Unversioned.class.getName(), "1"))).isFalse();
    }

    private static DomainEventData<?> snapshot(String payloadType, String revision) {
        return new GenericDomainEventEntry<>(
                "Booking",
                "0190f2c4-0000-7000-8000-00000000b00c",
                99,
                "0190f2c4-0000-7000-8000-00000000e7e1",
                Instant.parse("2026-12-01T10:00:00Z"),
                payloadType,
                revision,
                "{}".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
    }
}
