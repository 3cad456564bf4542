package io.voicepartner.command.user;

import io.voicepartner.api.organization.CreateOrganization;
import io.voicepartner.api.user.UserRegistered;
import io.voicepartner.command.web.Commands;
import io.voicepartner.support.personal.PersonalData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Opens, at start-up, the personal organization of every user who signed up before organizations existed: as
 * sign-up opens it now, with the user's id and the user as its owner, by a {@code CreateOrganization} whose actor is
 * {@code system} (migration events, ADR 0027). Nothing that was stored changes: the resources those users own
 * already name their id, which is now their personal organization's.
 *
 * <p>It runs after Axon has started (the lookups that record the new organizations are subscribed) and before the
 * web server takes requests, so that no request of such a user finds them in no organization. Starting again
 * finds nobody left to do. When several nodes start at once, each may open the same organization: the event store's
 * unique sequence lets one append it and refuses the others, which pass on.
 */
@Component
class PersonalOrganizations implements SmartLifecycle {

    static final String ACTOR = "system";
    /** After Axon's configuration starts ({@code Integer.MAX_VALUE - 3072}), before the web server ({@code - 2048}). */
    private static final int PHASE = Integer.MAX_VALUE - 2560;

    private static final Logger log = LoggerFactory.getLogger(PersonalOrganizations.class);

    private final Credentials credentials;
    private final EventStore eventStore;
    private final Commands commands;
    private final PersonalData personalData;
    private volatile boolean running;

    PersonalOrganizations(
            Credentials credentials, EventStore eventStore, Commands commands, PersonalData personalData) {
        this.credentials = credentials;
        this.eventStore = eventStore;
        this.commands = commands;
        this.personalData = personalData;
    }

    @Override
    public void start() {
        int opened = openMissing();
        if (opened > 0) {
            log.info("Opened the personal organization of {} users who signed up before organizations existed", opened);
        }
        running = true;
    }

    /** @return how many organizations this call opened (another node may have opened some of the missing ones) */
    int openMissing() {
        int opened = 0;
        for (Credentials.Account account : credentials.withoutPersonalOrganization()) {
            String name = PersonalOrganizationName.of(registeredName(account.userId()), account.email());
            try {
                // made of the user's name or e-mail address: sealed with their key, as sign-up seals it
                commands.send(
                        new CreateOrganization(
                                account.userId(), personalData.seal(account.userId(), name), account.userId(), true),
                        ACTOR);
                opened++;
            } catch (AggregateStreamCreationException e) {
                // another node opened it first
            }
        }
        return opened;
    }

    /**
     * The name the user gave at sign-up, from their account's first event, opened if it was sealed; the credentials
     * do not keep it.
     */
    private String registeredName(String userId) {
        return eventStore
                .readEvents(userId, 0)
                .asStream()
                .map(DomainEventMessage::getPayload)
                .filter(UserRegistered.class::isInstance)
                .map(UserRegistered.class::cast)
                .findFirst()
                .map(UserRegistered::name)
                .flatMap(personalData::open)
                .orElse(null);
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
