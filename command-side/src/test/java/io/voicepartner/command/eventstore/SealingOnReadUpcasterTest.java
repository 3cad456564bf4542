package io.voicepartner.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.api.organization.InvitationCreated;
import io.voicepartner.api.organization.OrganizationCreated;
import io.voicepartner.api.signin.SignInFailed;
import io.voicepartner.api.user.UserRegistered;
import io.voicepartner.command.RunningCommandSide;
import io.voicepartner.support.personal.InvitationAddresses;
import io.voicepartner.support.personal.PersonalData;
import io.voicepartner.support.personal.PersonalDataKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Golden JSON: payloads exactly as the platform stored them before personal data was sealed are read, through the
 * upcaster and the event store's serializer, with every personal value sealed with its subject's key (ADR 0042): the
 * same string on every read, opening to the value stored; the erased form for a person erased; untouched when sealed
 * already, and for an organization that is not personal. Against the real key store.
 */
class SealingOnReadUpcasterTest extends RunningCommandSide {

    private static final String GOLDEN_USER = "019bc134-7070-7c41-a9d3-5b6f8e2a1c90";
    private static final String GOLDEN_INVITATION = "019bc134-c1d2-7e3f-8a4b-5c6d7e8f9a02";

    private final Serializer serializer = EventSerialization.serializer();

    @Autowired
    SealingOnReadUpcaster upcaster;

    @Autowired
    PersonalData personalData;

    @Autowired
    PersonalDataKeys keys;

    @Autowired
    InvitationAddresses invitationAddresses;

    @Test
    void readsARegistrationInClearSealedWithTheUsersKeyAlikeOnEveryRead() throws IOException {
        String userId = UUID.randomUUID().toString();
        DomainEventData<byte[]> stored = stored(UserRegistered.class, golden("UserRegistered-clear.json", userId));

        UserRegistered first = (UserRegistered) read(stored).get(0);
        UserRegistered second = (UserRegistered) read(stored).get(0);

        assertThat(first.email()).startsWith(PersonalData.SEALED + userId + ":");
        assertThat(personalData.open(first.email())).contains("ada@example.com");
        assertThat(personalData.open(first.name())).contains("Ada Lovelace");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void sealsAPersonalOrganizationsNameAndASignInsAddressWithTheUsersKeyInOneBatch() throws IOException {
        String userId = UUID.randomUUID().toString();

        List<Object> read = read(
                stored(OrganizationCreated.class, golden("OrganizationCreated-clear.json", userId)),
                stored(SignInFailed.class, golden("SignInFailed-clear.json", userId)));

        OrganizationCreated organization = (OrganizationCreated) read.get(0);
        assertThat(organization.name()).startsWith(PersonalData.SEALED + userId + ":");
        assertThat(personalData.open(organization.name())).contains("Ada Lovelace's organization");
        SignInFailed signIn = (SignInFailed) read.get(1);
        assertThat(personalData.open(signIn.clientAddress())).contains("203.0.113.7");
        assertThat(signIn.organizationIds()).containsExactly(userId);
    }

    @Test
    void leavesAnOrganizationThatIsNotPersonalAndValuesSealedAlreadyAsTheyAre() throws IOException {
        String userId = UUID.randomUUID().toString();
        String shared =
                golden("OrganizationCreated-clear.json", userId).replace("\"personal\":true", "\"personal\":false");
        String sealed = personalData.seal(userId, "ada@example.com");
        String registered = "{\"user_id\":\"" + userId + "\",\"email\":\"" + sealed + "\",\"name\":null}";

        List<Object> read = read(stored(OrganizationCreated.class, shared), stored(UserRegistered.class, registered));

        assertThat(((OrganizationCreated) read.get(0)).name()).isEqualTo("Ada Lovelace's organization");
        assertThat(read.get(1)).isEqualTo(new UserRegistered(userId, sealed, null));
    }

    @Test
    void readsTheValuesOfAnErasedPersonInTheErasedFormWithoutMakingThemAKey() throws IOException {
        String userId = UUID.randomUUID().toString();
        keys.delete(userId);

        UserRegistered read =
                (UserRegistered) read(stored(UserRegistered.class, golden("UserRegistered-clear.json", userId)))
                        .get(0);

        assertThat(read.email()).isEqualTo(PersonalData.erased(userId));
        assertThat(read.name()).isEqualTo(PersonalData.erased(userId));
        assertThat(personalData.open(read.email())).isEmpty();
        assertThat(personalData.open(personalData.seal(UUID.randomUUID().toString(), "x")))
                .as("the key store still makes keys for others")
                .contains("x");
    }

    @Test
    void sealsAnInvitationsAddressWithTheInvitationsKeyAndRecordsItUnderTheAddress() throws IOException {
        String invitationId = UUID.randomUUID().toString();
        String address = "grace-" + invitationId + "@example.com";
        String stored = golden("InvitationCreated-clear.json", UUID.randomUUID().toString())
                .replace(GOLDEN_INVITATION, invitationId)
                .replace("grace@example.com", address);

        InvitationCreated read = (InvitationCreated)
                read(stored(InvitationCreated.class, stored)).get(0);

        assertThat(read.email()).startsWith(PersonalData.SEALED + invitationId + ":");
        assertThat(personalData.open(read.email())).contains(address);
        assertThat(personalData.stableSealing().seal(invitationId, address))
                .as("the caller's address sealed alike, as accepting it compares")
                .contains(read.email());
        assertThat(invitationAddresses.invitationsTo(address)).containsExactly(invitationId);

        invitationAddresses.erase(address);
        assertThat(((InvitationCreated)
                                read(stored(InvitationCreated.class, stored)).get(0))
                        .email())
                .as("after the invitee's erasure")
                .isEqualTo(PersonalData.erased(invitationId));
    }

    private List<Object> read(DomainEventData<?>... stored) {
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(stored), serializer, upcaster)
                .asStream()
                .map(DomainEventMessage::getPayload)
                .map(Object.class::cast)
                .toList();
    }

    private static DomainEventData<byte[]> stored(Class<?> type, String payload) {
        return new GenericDomainEventEntry<>(
                "Aggregate",
                UUID.randomUUID().toString(),
                0,
                UUID.randomUUID().toString(),
                Instant.parse("2026-01-15T11:20:15.230Z"),
                type.getName(),
                null,
                payload.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    /** The golden payload, for a user of the test's own: the key store is shared by every test of the JVM. */
    private static String golden(String name, String userId) throws IOException {
        try (InputStream in = SealingOnReadUpcasterTest.class.getResourceAsStream("/upcasting/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(GOLDEN_USER, userId);
        }
    }
}
