package io.voicepartner.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.voicepartner.api.organization.CreateOrganization;
import io.voicepartner.api.organization.OrganizationCreated;
import io.voicepartner.api.organization.Role;
import io.voicepartner.api.user.RegisterUser;
import io.voicepartner.command.RunningCommandSide;
import io.voicepartner.command.common.StreamIds;
import io.voicepartner.command.web.Commands;
import io.voicepartner.command.web.Ids;
import io.voicepartner.support.personal.PersonalData;
import io.voicepartner.support.security.Memberships;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every user has their personal organization, whose id is theirs: sign-up opens it with the account, and the
 * start-up migration opens it for those who signed up before organizations existed, once.
 */
class PersonalOrganizationsTest extends RunningCommandSide {

    @Autowired
    SignUp signUp;

    @Autowired
    PersonalOrganizations migration;

    @Autowired
    Credentials credentials;

    @Autowired
    Commands commands;

    @Autowired
    Ids ids;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    Memberships memberships;

    @Autowired
    EventStore eventStore;

    @Autowired
    PersonalData personalData;

    @Test
    void signUpOpensThePersonalOrganizationWithTheAccount() {
        String userId = signUp.register("Ada@Example.com", "correct horse battery", "Ada");

        assertThat(memberships.roleOf(userId, userId)).contains(Role.OWNER);
        assertThat(organizationEvents(userId)).singleElement().satisfies(event -> {
            assertThat(opened(event)).isEqualTo(new OrganizationCreated(userId, "Ada's organization", userId, true));
            assertThat(((OrganizationCreated) event.getPayload()).name()).startsWith(PersonalData.SEALED + userId);
            assertThat(event.getMetaData()).containsEntry("actor", userId);
        });
    }

    @Test
    void theMigrationOpensItForAUserWhoSignedUpBeforeOrganizationsAndOnlyOnce() {
        String userId = registeredTheOldWay("grace@example.com", "Grace Hopper");
        assertThat(memberships.roleOf(userId, userId)).isEmpty();

        migration.openMissing();

        assertThat(memberships.roleOf(userId, userId)).contains(Role.OWNER);
        assertThat(credentials.withoutPersonalOrganization()).isEmpty();
        assertThat(organizationEvents(userId)).singleElement().satisfies(event -> {
            assertThat(opened(event))
                    .isEqualTo(new OrganizationCreated(userId, "Grace Hopper's organization", userId, true));
            assertThat(event.getMetaData()).containsEntry("actor", PersonalOrganizations.ACTOR);
        });

        assertThat(migration.openMissing()).isZero();
        assertThat(organizationEvents(userId)).hasSize(1);
        assertThat(memberships.roleOf(userId, userId)).contains(Role.OWNER);
    }

    @Test
    void aUserWhoGaveNoNameHasAnOrganizationNamedAfterTheirEmail() {
        String userId = registeredTheOldWay("alan@example.com", null);

        migration.openMissing();

        assertThat(organizationEvents(userId))
                .singleElement()
                .extracting(this::opened)
                .isEqualTo(new OrganizationCreated(userId, "alan@example.com's organization", userId, true));
    }

    /** What decides between nodes that start at once: of two openings only the first is appended. */
    @Test
    void theEventStoreRefusesASecondOpeningOfTheSameOrganization() {
        String userId = registeredTheOldWay("joan@example.com", "Joan");
        migration.openMissing();

        assertThatExceptionOfType(AggregateStreamCreationException.class)
                .isThrownBy(() -> commands.send(
                        new CreateOrganization(userId, "Joan's organization", userId, true),
                        PersonalOrganizations.ACTOR));
        assertThat(organizationEvents(userId)).hasSize(1);
        assertThat(memberships.roleOf(userId, userId)).contains(Role.OWNER);
    }

    /** The opening with its name opened: a personal organization's is sealed with its user's key (ADR 0034). */
    private OrganizationCreated opened(DomainEventMessage<?> event) {
        OrganizationCreated created = (OrganizationCreated) event.getPayload();
        return new OrganizationCreated(
                created.organizationId(),
                personalData.open(created.name()).orElseThrow(),
                created.ownerUserId(),
                created.personal());
    }

    /** As sign-up did before organizations: the credentials and the registration, nothing else. */
    private String registeredTheOldWay(String email, String name) {
        return transaction.execute(status -> {
            String userId = ids.next();
            assertThat(credentials.add(userId, email, "$2a$10$abcdefghijklmnopqrstuv"))
                    .isTrue();
            commands.send(new RegisterUser(userId, email, name), userId);
            return userId;
        });
    }

    private List<? extends DomainEventMessage<?>> organizationEvents(String organizationId) {
        return eventStore
                .readEvents(StreamIds.ofOrganization(organizationId), 0)
                .asStream()
                .toList();
    }
}
