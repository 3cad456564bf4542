package io.voicepartner.command.phonenumber;

import io.voicepartner.api.assistant.AssistantDeleted;
import io.voicepartner.api.phonenumber.UnassignPhoneNumber;
import io.voicepartner.command.lookup.LookupTables;
import io.voicepartner.command.web.Commands;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * A deleted assistant's phone numbers reach no one: each is unassigned by the platform. A streaming processor
 * of its own (pooled, ADR 0048), so that the deletion commits without waiting for its numbers, and a failure is
 * retried from the same event until every number is unassigned (the processor's token moves with the commands'
 * events).
 */
@Component
@ProcessingGroup(PhoneNumberCleanup.PROCESSING_GROUP)
class PhoneNumberCleanup {

    static final String PROCESSING_GROUP = "phone-number-cleanup";
    private static final String ACTOR = "system";

    private final LookupTables lookups;
    private final Commands commands;

    PhoneNumberCleanup(LookupTables lookups, Commands commands) {
        this.lookups = lookups;
        this.commands = commands;
    }

    @EventHandler
    void on(AssistantDeleted event) {
        for (LookupTables.Reach number : lookups.phoneNumbersReaching(event.assistantId())) {
            try {
                commands.send(new UnassignPhoneNumber(number.phoneNumberId(), event.assistantId()), ACTOR);
            } catch (AggregateNotFoundException e) {
                // deleted since the lookup was read: a number that no longer exists reaches no one
            }
        }
    }
}
