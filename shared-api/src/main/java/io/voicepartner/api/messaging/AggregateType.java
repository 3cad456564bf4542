package io.voicepartner.api.messaging;

import io.voicepartner.api.assistant.AssistantEvent;
import io.voicepartner.api.file.FileEvent;
import io.voicepartner.api.organization.OrganizationEvent;
import io.voicepartner.api.phonenumber.PhoneNumberEvent;
import io.voicepartner.api.signin.SignInEvent;
import io.voicepartner.api.tool.ToolEvent;
import io.voicepartner.api.usage.UsageEvent;
import io.voicepartner.api.user.UserEvent;
import io.voicepartner.api.webhook.WebhookEndpointEvent;

/**
 * The kinds of aggregate, each with its event family and the one Kafka topic its events travel on, and what is
 * recorded outside all their streams ({@link #hasStreams()}): {@link #USAGE} and {@link #SIGN_IN}.
 */
public enum AggregateType {
    ASSISTANT("assistant", "voicepartner.assistants", AssistantEvent.class, true),
    TOOL("tool", "voicepartner.tools", ToolEvent.class, true),
    FILE("file", "voicepartner.files", FileEvent.class, true),
    PHONE_NUMBER("phone_number", "voicepartner.phone-numbers", PhoneNumberEvent.class, true),
    USER("user", "voicepartner.users", UserEvent.class, true),
    /** The tenant: every other aggregate belongs to one organization (ADR 0027). */
    ORGANIZATION("organization", "voicepartner.organizations", OrganizationEvent.class, true),
    /** Where an organization's events are delivered (ADR 0032); what was delivered is telemetry, not in a stream. */
    WEBHOOK_ENDPOINT("webhook_endpoint", "voicepartner.webhook-endpoints", WebhookEndpointEvent.class, true),
    /**
     * Not an aggregate: what was reported about tools' and phone numbers' use, stored outside their streams
     * and keyed by the tool's or number's id (ADR 0017).
     */
    USAGE("usage", "voicepartner.usage", UsageEvent.class, false),
    /**
     * Not an aggregate: the sign-ins to users' accounts, stored outside every stream and keyed by the user's id
     * (ADR 0029).
     */
    SIGN_IN("sign_in", "voicepartner.sign-ins", SignInEvent.class, false);

    private final String wireName;
    private final String topic;
    private final Class<? extends DomainEvent> eventFamily;
    private final boolean streams;

    AggregateType(String wireName, String topic, Class<? extends DomainEvent> eventFamily, boolean streams) {
        this.wireName = wireName;
        this.topic = topic;
        this.eventFamily = eventFamily;
        this.streams = streams;
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

    /**
     * Whether its events are an aggregate's, stored in the aggregate's stream at its next revision. Those of a type
     * without streams are appended to the event store on their own (sequence 0), travel with {@code revision} 0 and
     * move no aggregate's revision: telemetry is not configuration.
     */
    public boolean hasStreams() {
        return streams;
    }
}
