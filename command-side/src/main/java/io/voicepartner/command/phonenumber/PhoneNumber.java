package io.voicepartner.command.phonenumber;

import static io.voicepartner.api.phonenumber.PhoneNumberField.ASSISTANT_ID;
import static io.voicepartner.api.phonenumber.PhoneNumberField.ASSISTANT_VERSION;
import static io.voicepartner.api.phonenumber.PhoneNumberField.COUNTRY;
import static io.voicepartner.api.phonenumber.PhoneNumberField.PHONE_NUMBER;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.voicepartner.api.phonenumber.CallRecorded;
import io.voicepartner.api.phonenumber.CreatePhoneNumber;
import io.voicepartner.api.phonenumber.DeletePhoneNumber;
import io.voicepartner.api.phonenumber.PhoneNumberConfiguration;
import io.voicepartner.api.phonenumber.PhoneNumberCreated;
import io.voicepartner.api.phonenumber.PhoneNumberDeleted;
import io.voicepartner.api.phonenumber.PhoneNumberField;
import io.voicepartner.api.phonenumber.PhoneNumberRestored;
import io.voicepartner.api.phonenumber.PhoneNumberUpdated;
import io.voicepartner.api.phonenumber.RestorePhoneNumber;
import io.voicepartner.api.phonenumber.UnassignPhoneNumber;
import io.voicepartner.api.phonenumber.UpdatePhoneNumber;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.common.Revisions;
import io.voicepartner.command.lookup.AssistantOwnership;
import io.voicepartner.command.lookup.PhoneNumberRegistry;
import io.voicepartner.command.lookup.PublishedVersions;
import java.util.EnumSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Decides on changes to one phone number. Keeps its configuration because an update is merged into it, and
 * its revision because {@code If-Match} is checked against it. What no single number can decide (is the E.164
 * number free on the whole platform, is the assistant the owner's) is asked of the lookups, injected into
 * the handlers. Command handlers answer the revision the number reached; a change of nothing records nothing.
 *
 * <p>A released number keeps its configuration (it is not {@code markDeleted}, which would make it
 * unloadable) so that a restore can bring it back; every other command refuses it as Axon would a deleted one.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
@Revision("1")
class PhoneNumber {

    /** A patch with every field unset: merged for one field, it clears that field. */
    private static final PhoneNumberConfiguration UNSET =
            new PhoneNumberConfiguration(null, null, null, null, null, null, null, null, null, null, null, null, null);

    @AggregateIdentifier
    private String phoneNumberId;

    private String ownerId;
    private long revision;
    private PhoneNumberConfiguration configuration;
    private boolean deleted;

    PhoneNumber() {
        // for Axon, which rebuilds the phone number from its events
    }

    @CommandHandler
    PhoneNumber(
            CreatePhoneNumber command,
            PhoneNumberRegistry registry,
            AssistantOwnership assistants,
            PublishedVersions versions) {
        PhoneNumberConfiguration wanted = command.configuration();
        requirePricedInACurrency(wanted);
        registry.requireAvailable(wanted.phoneNumber(), command.phoneNumberId());
        if (wanted.assistantId() != null) {
            assistants.requireOwned(command.ownerId(), wanted.assistantId());
        }
        requirePinnable(wanted, versions);
        apply(new PhoneNumberCreated(command.phoneNumberId(), command.ownerId(), wanted));
    }

    @CommandHandler
    long handle(
            UpdatePhoneNumber command,
            PhoneNumberRegistry registry,
            AssistantOwnership assistants,
            PublishedVersions versions) {
        requireLive();
        requireOwnedBy(command.ownerId());
        Revisions.require(command.expectedRevision(), revision);
        Set<PhoneNumberField> fields = EnumSet.noneOf(PhoneNumberField.class);
        fields.addAll(command.changedFields());
        if (fields.contains(ASSISTANT_ID) && !fields.contains(ASSISTANT_VERSION)) {
            // a pin names a version of the assistant it was made for: another assistant is followed at its latest
            fields.add(ASSISTANT_VERSION);
        }
        PhoneNumberConfiguration merged = PhoneNumberMerge.merge(configuration, command.changes(), fields);
        Set<PhoneNumberField> changed = PhoneNumberMerge.differences(configuration, merged);
        if (changed.isEmpty()) {
            return revision;
        }
        if (changed.contains(COUNTRY) && !command.changedFields().contains(PHONE_NUMBER)) {
            // the country is the number's: it was checked against the number at the edge only if both were sent
            throw Refusal.invalid("country", "can only change together with phone_number");
        }
        requirePricedInACurrency(merged);
        if (changed.contains(PHONE_NUMBER)) {
            registry.requireAvailable(merged.phoneNumber(), phoneNumberId);
        }
        if (changed.contains(ASSISTANT_ID) && merged.assistantId() != null) {
            assistants.requireOwned(ownerId, merged.assistantId());
        }
        if (changed.contains(ASSISTANT_VERSION) || changed.contains(ASSISTANT_ID)) {
            requirePinnable(merged, versions);
        }
        apply(new PhoneNumberUpdated(phoneNumberId, ownerId, merged, changed));
        return revision;
    }

    /** The platform's, not the owner's: the assistant was deleted. A number given another assistant since is left. */
    @CommandHandler
    long handle(UnassignPhoneNumber command) {
        requireLive();
        if (reaches(command.assistantId())) {
            PhoneNumberConfiguration unassigned =
                    PhoneNumberMerge.merge(configuration, UNSET, Set.of(ASSISTANT_ID, ASSISTANT_VERSION));
            apply(new PhoneNumberUpdated(
                    phoneNumberId, ownerId, unassigned, PhoneNumberMerge.differences(configuration, unassigned)));
        }
        return revision;
    }

    @CommandHandler
    long handle(DeletePhoneNumber command) {
        requireLive();
        requireOwnedBy(command.ownerId());
        Revisions.require(command.expectedRevision(), revision);
        apply(new PhoneNumberDeleted(phoneNumberId, ownerId, configuration.phoneNumber()));
        return revision;
    }

    /**
     * The E.164 number must still be free: someone else may have claimed it since it was released
     * ({@code 409}). An assistant deleted meanwhile is not reached again: the number comes back unassigned.
     */
    @CommandHandler
    long handle(RestorePhoneNumber command, PhoneNumberRegistry registry, AssistantOwnership assistants) {
        requireOwnedBy(command.ownerId());
        if (!deleted) {
            throw new Refusal(
                    ErrorCode.CONFLICT,
                    "Phone number '" + phoneNumberId + "' is not released; "
                            + "only a released phone number can be restored.");
        }
        registry.requireAvailable(configuration.phoneNumber(), phoneNumberId);
        PhoneNumberConfiguration restored = configuration;
        if (restored.assistantId() != null && !assistants.stillOwned(ownerId, restored.assistantId())) {
            restored = PhoneNumberMerge.merge(configuration, UNSET, Set.of(ASSISTANT_ID, ASSISTANT_VERSION));
        }
        apply(new PhoneNumberRestored(phoneNumberId, ownerId, restored));
        return revision;
    }

    @EventSourcingHandler
    void on(PhoneNumberCreated event) {
        phoneNumberId = event.phoneNumberId();
        ownerId = event.ownerId();
        configuration = event.configuration();
        revision = 1;
    }

    @EventSourcingHandler
    void on(PhoneNumberUpdated event) {
        configuration = event.configuration();
        revision++;
    }

    /**
     * Legacy: calls recorded on the number's stream before ADR 0017. They change no configuration, but they hold
     * a place in the stream, and the revision is the stream's (what {@code If-Match} and the read model's
     * {@code ETag} count), so they still count in it; new usage is recorded outside the stream and moves nothing.
     */
    @EventSourcingHandler
    void on(CallRecorded event) {
        revision++;
    }

    @EventSourcingHandler
    void on(PhoneNumberDeleted event) {
        deleted = true;
        revision++;
    }

    @EventSourcingHandler
    void on(PhoneNumberRestored event) {
        configuration = event.configuration();
        deleted = false;
        revision++;
    }

    /** What Axon throws for a deleted aggregate, so that callers (and the cleanup) see no difference. */
    private void requireLive() {
        if (deleted) {
            throw new AggregateDeletedException(phoneNumberId, "Phone number '" + phoneNumberId + "' was released.");
        }
    }

    private boolean reaches(String assistantId) {
        return assistantId.equals(configuration.assistantId());
    }

    private void requireOwnedBy(String caller) {
        if (!ownerId.equals(caller)) {
            throw Refusal.notFound("Phone number", phoneNumberId);
        }
    }

    /** A number is pinned only to a version its assistant has published (a 409 otherwise). */
    private static void requirePinnable(PhoneNumberConfiguration configuration, PublishedVersions versions) {
        if (configuration.assistantVersion() == null) {
            return;
        }
        if (configuration.assistantId() == null) {
            throw Refusal.invalid(
                    "assistant_version", "needs an assistant_id: only an assistant's version can be pinned");
        }
        versions.requirePublished(configuration.assistantId(), configuration.assistantVersion());
    }

    /** A price is an amount of some currency; on create the edge names the missing field, on update this does. */
    private static void requirePricedInACurrency(PhoneNumberConfiguration configuration) {
        if (configuration.monthlyPrice() != null && configuration.currency() == null) {
            throw Refusal.invalid("currency", "is required while the phone number has a monthly_price");
        }
    }
}
