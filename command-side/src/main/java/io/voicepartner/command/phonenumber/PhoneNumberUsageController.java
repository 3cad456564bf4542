package io.voicepartner.command.phonenumber;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.phonenumber.PhoneCall;
import io.voicepartner.api.phonenumber.RecordCalls;
import io.voicepartner.command.web.Commands;
import io.voicepartner.command.web.Ids;
import io.voicepartner.command.web.UsageBatches;
import io.voicepartner.command.web.WriteResponses;
import io.voicepartner.support.security.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * What the voice runtime reports about calls through a phone number: one call, or a JSON array of them
 * recorded in one append. Answers the number as the next read shows it, with its usage counted.
 */
@RestController
class PhoneNumberUsageController {

    private final Commands commands;
    private final Ids ids;
    private final UsageBatches batches;
    private final WriteResponses responses;

    PhoneNumberUsageController(Commands commands, Ids ids, UsageBatches batches, WriteResponses responses) {
        this.commands = commands;
        this.ids = ids;
        this.batches = batches;
        this.responses = responses;
    }

    @PostMapping(path = "/api/phone-numbers/{id}/usage", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> report(@PathVariable String id, @RequestBody JsonNode body, Caller caller,
                                  @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        PhoneNumberWriteController.requirePhoneNumberId(id);
        List<PhoneCall> calls = batches.read(body, CallRequest.class, CallRequest.REQUIRED, CallRequest::occurredAt,
                this::call);
        long revision = commands.send(new RecordCalls(id, caller.userId(), calls), caller.userId());
        return responses.updated("/api/phone-numbers/" + id, id, revision, caller, authorization);
    }

    private PhoneCall call(CallRequest r) {
        return new PhoneCall(r.callId() == null ? ids.next() : r.callId(), r.callSeconds(), r.direction(),
                r.assistantId(), r.occurredAt());
    }
}
