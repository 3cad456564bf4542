package io.voicepartner.api.messaging;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** Every event names the aggregate it happened to and the user who owns it. */
public interface DomainEvent {

    @JsonIgnore
    String aggregateId();

    String ownerId();
}
