package io.voicepartner.command.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.organization.InvitationCreated;
import io.voicepartner.api.organization.OrganizationCreated;
import io.voicepartner.api.signin.SignInFailed;
import io.voicepartner.api.signin.SignInSucceeded;
import io.voicepartner.api.user.UserRegistered;
import io.voicepartner.support.personal.InvitationAddresses;
import io.voicepartner.support.personal.PersonalData;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Seals the personal values of events stored before sealing (ADR 0042), in their stored JSON: the one function that
 * both the upcaster ({@link SealingOnReadUpcaster}: every read of the store) and the operator's rewrite of the stored
 * rows ({@code infra/scripts/seal-stored-values}) apply, so that both give the same bytes. Each field is sealed with
 * the key of the subject it belongs to, as the edge seals it today (ADR 0034, 0036): a user's e-mail address, name and
 * sign-ins' client addresses and their personal organization's name with the user's key, an invitation's address with
 * the invitation's. A subject that was erased gets {@link PersonalData#erased}. A value already sealed, a {@code null},
 * and an organization that is not personal (its name is the customer's) are left as they are.
 *
 * <p>An invitation given a key here is recorded under its address ({@link InvitationAddresses}), as the edge records a
 * new one, so that erasing the person the address is theirs deletes that key.
 */
public final class StoredPersonalValues {

    /** The payload types that hold personal values, by their stored name, and the fields of each. */
    private static final Map<String, Set<String>> FIELDS = Map.of(
            UserRegistered.class.getName(), Set.of("email", "name"),
            OrganizationCreated.class.getName(), Set.of("name"),
            InvitationCreated.class.getName(), Set.of("email"),
            SignInSucceeded.class.getName(), Set.of("client_address"),
            SignInFailed.class.getName(), Set.of("client_address"));

    private final PersonalData personalData;
    private final InvitationAddresses invitationAddresses;

    public StoredPersonalValues(PersonalData personalData, InvitationAddresses invitationAddresses) {
        this.personalData = personalData;
        this.invitationAddresses = invitationAddresses;
    }

    /** The stored payload types this may change. */
    public static Set<String> payloadTypes() {
        return FIELDS.keySet();
    }

    /** A batch of payloads, sealed with one read of the key store per subject. */
    public Batch batch() {
        return new Batch(personalData.stableSealing());
    }

    /** Seals payloads of one batch: the keys it reads are kept for its length and no longer. */
    public final class Batch {

        private final PersonalData.StableSealing sealing;
        private final Set<String> invitationsRecorded = new HashSet<>();

        private Batch(PersonalData.StableSealing sealing) {
            this.sealing = sealing;
        }

        /**
         * Seals, in place, the personal values of a payload of {@code payloadType} that are still in clear.
         *
         * @return whether it changed
         */
        public boolean seal(String payloadType, ObjectNode payload) {
            Set<String> fields = FIELDS.get(payloadType);
            if (fields == null) {
                return false;
            }
            Optional<String> subject = subjectOf(payloadType, payload);
            if (subject.isEmpty()) {
                return false;
            }
            boolean changed = false;
            for (String field : fields) {
                JsonNode value = payload.get(field);
                if (value != null && value.isTextual() && !value.asText().startsWith(PersonalData.SEALED)) {
                    String plain = value.asText();
                    Optional<String> sealed = sealing.seal(subject.get(), plain);
                    payload.put(field, sealed.orElseGet(() -> PersonalData.erased(subject.get())));
                    if (sealed.isPresent() && payloadType.equals(InvitationCreated.class.getName())) {
                        recordInvitation(subject.get(), plain, payload);
                    }
                    changed = true;
                }
            }
            return changed;
        }

        /**
         * Recorded to go when the invitation expires (ADR 0043): one accepted before sealing goes then too, which only
         * shows its address as erased in the organization's history; its invitee has an account of their own.
         */
        private void recordInvitation(String invitationId, String address, ObjectNode payload) {
            if (invitationsRecorded.add(invitationId)) {
                invitationAddresses.record(
                        invitationId,
                        address,
                        Instant.parse(payload.path("expires_at").asText()));
            }
        }
    }

    /** Whose key seals the payload's values; none for an organization that is not a person's own. */
    private static Optional<String> subjectOf(String payloadType, ObjectNode payload) {
        if (payloadType.equals(OrganizationCreated.class.getName())) {
            return payload.path("personal").asBoolean(false) ? text(payload, "owner_user_id") : Optional.empty();
        }
        if (payloadType.equals(InvitationCreated.class.getName())) {
            return text(payload, "invitation_id");
        }
        return text(payload, "user_id");
    }

    private static Optional<String> text(ObjectNode payload, String field) {
        JsonNode value = payload.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }
}
