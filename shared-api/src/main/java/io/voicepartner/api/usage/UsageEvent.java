package io.voicepartner.api.usage;

import io.voicepartner.api.messaging.DomainEvent;
import java.time.Instant;

/**
 * What the voice runtime (or a test call) reported about a resource's use; published on
 * {@code voicepartner.usage}. Usage is telemetry, not configuration: it belongs to no aggregate's stream, so
 * it never moves a tool's or phone number's revision. The record key, and {@link #aggregateId()}, is the id of
 * the tool or phone number used, so that each one's usage stays in order on one partition.
 */
public sealed interface UsageEvent extends DomainEvent permits ToolExecutionRecorded, PhoneCallRecorded {

    /** The reporter's id of the execution or call: recorded at most once per tool or phone number. */
    String reportId();

    /** The owner's assistant the execution or call was for; {@code null} only on a tool's test call made for none. */
    String assistantId();

    /** When the execution or call happened, as the reporter says (or when it was received, if it did not say). */
    Instant occurredAt();
}
