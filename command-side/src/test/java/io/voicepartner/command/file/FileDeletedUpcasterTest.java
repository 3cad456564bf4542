package io.voicepartner.command.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.api.file.FileDeleted;
import io.voicepartner.command.eventstore.EventSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * Golden JSON: a {@code FileDeleted} payload exactly as schema version 1 stored it is read, through the
 * upcaster and the event store's serializer, as the version 2 record; a version 2 payload passes untouched.
 */
class FileDeletedUpcasterTest {

    private static final String FILE_ID = "019bc134-c1d2-7e3f-8a4b-5c6d7e8f9a01";
    private static final String OWNER = "019bc134-7070-7c41-a9d3-5b6f8e2a1c90";

    private final Serializer serializer = EventSerialization.serializer();

    @Test
    void readsAVersionOneDeletionAsOneThatRemovedTheBytes() throws IOException {
        DomainEventData<byte[]> stored = stored(golden("/upcasting/FileDeleted-v1.json"), null);

        assertThat(read(stored)).isEqualTo(new FileDeleted(FILE_ID, OWNER, true));
    }

    @Test
    void storesNewDeletionsAtVersionTwoAndReadsThemAsTheyAre() {
        byte[] payload = serializer
                .serialize(new FileDeleted(FILE_ID, OWNER, true), byte[].class)
                .getData();
        assertThat(serializer.typeForClass(FileDeleted.class).getRevision()).isEqualTo("2");

        assertThat(read(stored(payload, "2"))).isEqualTo(new FileDeleted(FILE_ID, OWNER, true));
    }

    private Object read(DomainEventData<byte[]> stored) {
        DomainEventStream events = EventStreamUtils.upcastAndDeserializeDomainEvents(
                Stream.of(stored), serializer, new FileDeletedUpcaster());
        return events.next().getPayload();
    }

    private static DomainEventData<byte[]> stored(byte[] payload, String revision) {
        return new GenericDomainEventEntry<>(
                "File",
                FILE_ID,
                3,
                "c07fad81-5e92-45d6-81e3-8cae2f4a6b98",
                Instant.parse("2026-01-15T11:20:15.230Z"),
                FileDeleted.class.getName(),
                revision,
                payload,
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] golden(String resource) throws IOException {
        try (InputStream in = FileDeletedUpcasterTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }
}
