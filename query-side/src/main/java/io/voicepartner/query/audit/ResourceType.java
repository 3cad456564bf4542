package io.voicepartner.query.audit;

import com.fasterxml.jackson.annotation.JsonValue;
import io.voicepartner.api.messaging.AggregateType;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What an audit entry can have happened to: an aggregate, named as its type's wire name ({@code phone_number}). A
 * sign-in happened to the user's account. Usage and sign-ins have no aggregate of their own: no entry names them.
 */
enum ResourceType {
    ASSISTANT,
    TOOL,
    FILE,
    PHONE_NUMBER,
    USER,
    ORGANIZATION,
    WEBHOOK_ENDPOINT;

    @JsonValue
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The resource type of an aggregate type; empty for a type that is no aggregate's (usage, sign-ins). */
    static Optional<ResourceType> of(AggregateType aggregateType) {
        return Arrays.stream(values())
                .filter(type -> type.wireName().equals(aggregateType.wireName()))
                .findFirst();
    }

    static Optional<ResourceType> fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(type -> type.wireName().equals(wireName))
                .findFirst();
    }
}
