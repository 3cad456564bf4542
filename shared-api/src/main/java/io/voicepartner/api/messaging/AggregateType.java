package io.voicepartner.api.messaging;

import io.voicepartner.api.assistant.AssistantEvent;
import io.voicepartner.api.file.FileEvent;
import io.voicepartner.api.organization.OrganizationEvent;
import io.voicepartner.api.phonenumber.PhoneNumberEvent;
import io.voicepartner.api.tool.ToolEvent;
import io.voicepartner.api.usage.UsageEvent;
import io.voicepartner.api.user.UserEvent;

/**
 * The kinds of aggregate, each with its event family and the one Kafka topic its events travel on, and
 * {@link #USAGE}, the telemetry that belongs to none of their streams.
 */
public enum AggregateType {
    ASSISTANT("assistant", "voicepartner.assistants", AssistantEvent.class),
    TOOL("tool", "voicepartner.tools", ToolEvent.class),
    FILE("file", "voicepartner.files", FileEvent.class),
    PHONE_NUMBER("phone_number", "voicepartner.phone-numbers", PhoneNumberEvent.class),
    USER("user", "voicepartner.users", UserEvent.class),
    /** The tenant: every other aggregate belongs to one organization (ADR 0027). */
    ORGANIZATION("organization", "voicepartner.organizations", OrganizationEvent.class),
    /**
     * Not an aggregate: what was reported about tools' and phone numbers' use, stored outside their streams
     * and keyed by the tool's or number's id (ADR 0017).
     */
    USAGE("usage", "voicepartner.usage", UsageEvent.class);

    private final String wireName;
    private final String topic;
    private final Class<? extends DomainEvent> eventFamily;

    AggregateType(String wireName, String topic, Class<? extends DomainEvent> eventFamily) {
        this.wireName = wireName;
        this.topic = topic;
        this.eventFamily = eventFamily;
    }

    public String wireName() {
        return wireName;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends DomainEvent> eventFamily() {
        return eventFamily;
    }
}
