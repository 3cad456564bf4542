package io.voicepartner.command.eventstore;

import org.axonframework.serialization.Serializer;

/** The event store's serializer, for tests in other packages that read stored payloads as production does. */
public final class EventSerialization {

    private EventSerialization() {}

    public static Serializer serializer() {
        return new EventStoreConfiguration().serializer();
    }
}
