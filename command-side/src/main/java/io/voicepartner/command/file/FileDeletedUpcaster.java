package io.voicepartner.command.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.file.FileDeleted;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * Reads a {@link FileDeleted} stored at schema version 1 (no payload revision, no {@code bytes_removed}) as
 * version 2: every version 1 deletion erased the file's bytes and text, so {@code bytes_removed} is
 * {@code true}. The worked example of evolving a stored event (ADR 0011); Axon puts every upcaster bean
 * into the storage engine's chain, so aggregates, processors and the Kafka publisher all see version 2.
 */
@Component
class FileDeletedUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType VERSION_1 = new SimpleSerializedType(FileDeleted.class.getName(), null);
    static final SimpleSerializedType VERSION_2 = new SimpleSerializedType(FileDeleted.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(VERSION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(
                VERSION_2, JsonNode.class, payload -> ((ObjectNode) payload).put("bytes_removed", true));
    }
}
