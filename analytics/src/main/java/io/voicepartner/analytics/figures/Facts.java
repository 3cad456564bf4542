package io.voicepartner.analytics.figures;

import io.voicepartner.api.assistant.AssistantCreated;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.phonenumber.CallRecorded;
import io.voicepartner.api.tool.ToolExecuted;
import io.voicepartner.api.usage.PhoneCallRecorded;
import io.voicepartner.api.usage.ToolExecutionRecorded;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Records the events that count as facts, one row per event id (executions and calls from
 * {@code voicepartner.usage} and, for those recorded before it, from the tools' and numbers' topics): inserting a fact already recorded changes
 * nothing, which makes a redelivery, or a replay of every topic from the start, harmless.
 */
@Repository
public class Facts {

    private final JdbcClient jdbc;

    Facts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the event if it is a fact; events that are not (updates, deletions) change no figure. */
    public void record(EventEnvelope envelope) {
        Object event = envelope.data();
        if (event instanceof AssistantCreated created) {
            jdbc.sql("INSERT INTO analytics.assistants_created (event_id, owner_id, assistant_id, day) "
                            + "VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")
                    .params(envelope.eventId(), created.ownerId(), created.assistantId(), day(envelope.occurredAt()))
                    .update();
        } else if (event instanceof ToolExecuted executed && !executed.testCall()) {
            jdbc.sql("INSERT INTO analytics.tool_executions (event_id, owner_id, tool_id, assistant_id, day, "
                            + "duration_ms, success) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")
                    .params(
                            envelope.eventId(),
                            executed.ownerId(),
                            executed.toolId(),
                            executed.assistantId(),
                            day(executed.executedAt()),
                            executed.durationMs(),
                            executed.success())
                    .update();
        } else if (event instanceof ToolExecutionRecorded executed && !executed.testCall()) {
            // the same fact as a legacy ToolExecuted, from voicepartner.usage (ADR 0017)
            jdbc.sql("INSERT INTO analytics.tool_executions (event_id, owner_id, tool_id, assistant_id, day, "
                            + "duration_ms, success) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")
                    .params(
                            envelope.eventId(),
                            executed.ownerId(),
                            executed.toolId(),
                            executed.assistantId(),
                            day(executed.occurredAt()),
                            executed.durationMs(),
                            executed.success())
                    .update();
        } else if (event instanceof FileUploaded uploaded) {
            jdbc.sql("INSERT INTO analytics.file_uploads (event_id, owner_id, file_id, day, bytes) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")
                    .params(
                            envelope.eventId(),
                            uploaded.ownerId(),
                            uploaded.fileId(),
                            day(envelope.occurredAt()),
                            uploaded.fileSize())
                    .update();
        } else if (event instanceof CallRecorded call) {
            jdbc.sql("INSERT INTO analytics.calls (event_id, owner_id, phone_number_id, assistant_id, day, seconds, "
                            + "direction) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")
                    .params(
                            envelope.eventId(),
                            call.ownerId(),
                            call.phoneNumberId(),
                            call.assistantId(),
                            day(call.startedAt()),
                            call.callSeconds(),
                            call.direction().wireName())
                    .update();
        } else if (event instanceof PhoneCallRecorded call) {
            jdbc.sql("INSERT INTO analytics.calls (event_id, owner_id, phone_number_id, assistant_id, day, seconds, "
                            + "direction) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")
                    .params(
                            envelope.eventId(),
                            call.ownerId(),
                            call.phoneNumberId(),
                            call.assistantId(),
                            day(call.occurredAt()),
                            call.callSeconds(),
                            call.direction().wireName())
                    .update();
        }
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
