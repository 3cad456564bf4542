package io.voicepartner.command.phonenumber;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.usage.PhoneCallRecorded;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.command.usage.UsageRecording;
import io.voicepartner.command.web.Ids;
import io.voicepartner.command.web.UsageBatches;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the voice runtime reports about calls through a phone number: one call, or a JSON array of them
 * recorded in one append outside the number's stream (ADR 0017). Answers {@code 202} with how many were
 * recorded and how many had been before: the calls are listed, and counted on the number, once the read model
 * has them.
 */
@Requires(Permission.WRITE_USAGE)
@RestController
class PhoneNumberUsageController {

    private final UsageRecording recording;
    private final Ids ids;
    private final UsageBatches batches;
    private final Clock clock = Clock.systemUTC();

    PhoneNumberUsageController(UsageRecording recording, Ids ids, UsageBatches batches) {
        this.recording = recording;
        this.ids = ids;
        this.batches = batches;
    }

    @PostMapping(path = "/api/phone-numbers/{id}/usage", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ApiResponse<UsageRecording.Recorded>> report(
            @PathVariable String id, @RequestBody JsonNode body, Caller caller) {
        PhoneNumberWriteController.requirePhoneNumberId(id);
        UsageBatches.Batch<CallRequest> batch = batches.read(body, CallRequest.class, CallRequest.REQUIRED);
        Instant receivedAt = clock.instant();
        List<PhoneCallRecorded> calls = batch.items().stream()
                .map(item -> call(id, caller.organizationId(), item, receivedAt))
                .toList();
        UsageRecording.Recorded recorded = recording.record(
                UsageRecording.Used.PHONE_NUMBER,
                id,
                caller.organizationId(),
                caller.actor(),
                calls,
                index -> batch.field(index, "occurred_at"),
                receivedAt);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(ApiResponse.of(recorded));
    }

    private PhoneCallRecorded call(String phoneNumberId, String ownerId, CallRequest r, Instant receivedAt) {
        return new PhoneCallRecorded(
                phoneNumberId,
                ownerId,
                r.callId() == null ? ids.next() : r.callId(),
                r.assistantId(),
                r.callSeconds(),
                r.direction(),
                r.occurredAt() == null ? receivedAt : r.occurredAt());
    }
}
