package io.voicepartner.command.webhook;

import static org.hamcrest.Matchers.equalTo;

import io.voicepartner.api.common.SecretValue;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.api.webhook.CreateWebhookEndpoint;
import io.voicepartner.api.webhook.DeleteWebhookEndpoint;
import io.voicepartner.api.webhook.DisableWebhookEndpoint;
import io.voicepartner.api.webhook.RotateWebhookEndpointSecret;
import io.voicepartner.api.webhook.UpdateWebhookEndpoint;
import io.voicepartner.api.webhook.WebhookEndpointCreated;
import io.voicepartner.api.webhook.WebhookEndpointDeleted;
import io.voicepartner.api.webhook.WebhookEndpointDisabled;
import io.voicepartner.api.webhook.WebhookEndpointSecretRotated;
import io.voicepartner.api.webhook.WebhookEndpointUpdated;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.eventstore.CommandRouting;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A webhook endpoint's configuration: created, changed, its secret rotated, disabled by the platform, deleted. */
class WebhookEndpointTest {

    private static final String ENDPOINT = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0f";
    private static final String ORGANIZATION = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String STRANGER = "0190f2c4-0000-7000-8000-000000000b0b";
    private static final String URL = "https://hooks.example.com/voicepartner";
    private static final List<String> TYPES = List.of("assistant.updated");
    private static final SecretValue SECRET = new SecretValue("v2:key:first", "");
    private static final SecretValue NEW_SECRET = new SecretValue("v2:key:second", "");
    private static final Instant LATER = Instant.parse("2026-12-05T10:00:00Z");

    private FixtureConfiguration<WebhookEndpoint> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(WebhookEndpoint.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
    }

    @Test
    void registersAnEndpointEnabledWithItsEncryptedSecret() {
        fixture.givenNoPriorActivity()
                .when(new CreateWebhookEndpoint(ENDPOINT, ORGANIZATION, URL, TYPES, "CRM", SECRET))
                .expectEvents(created());
    }

    @Test
    void changesOnlyTheFieldsSentAndNamesThem() {
        fixture.given(created())
                .when(update(Set.of("event_types", "url"), URL, List.of("*"), null, null, 1L))
                .expectEvents(new WebhookEndpointUpdated(
                        ENDPOINT, ORGANIZATION, URL, List.of("*"), "CRM", true, List.of("event_types")))
                .expectResultMessagePayload(2L);
    }

    @Test
    void recordsNothingForAnUpdateThatChangesNothing() {
        fixture.given(created())
                .when(update(Set.of("url", "description"), URL, null, "CRM", null, null))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void refusesAnUpdateAtAnotherRevision() {
        fixture.given(created())
                .when(update(Set.of("description"), null, null, "Billing", null, 7L))
                .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                .expectNoEvents();
    }

    @Test
    void anotherOrganizationsEndpointIsNotFound() {
        fixture.given(created())
                .when(new UpdateWebhookEndpoint(
                        ENDPOINT, STRANGER, null, null, null, "Mine", null, Set.of("description")))
                .expectException(refusal(ErrorCode.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void rotatesTheSecretKeepingThePreviousOneUntilItExpires() {
        fixture.given(created())
                .when(new RotateWebhookEndpointSecret(ENDPOINT, ORGANIZATION, NEW_SECRET, LATER))
                .expectEvents(new WebhookEndpointSecretRotated(ENDPOINT, ORGANIZATION, NEW_SECRET, LATER))
                .expectResultMessagePayload(2L);
    }

    @Test
    void theSystemDisablesAnEndpointOnceAndTheOrganizationEnablesItAgain() {
        WebhookEndpointDisabled disabled = new WebhookEndpointDisabled(ENDPOINT, ORGANIZATION, "failing", LATER);
        fixture.given(created())
                .when(new DisableWebhookEndpoint(ENDPOINT, ORGANIZATION, "failing", LATER))
                .expectEvents(disabled);
        fixture.given(created(), disabled)
                .when(new DisableWebhookEndpoint(ENDPOINT, ORGANIZATION, "failing", LATER))
                .expectNoEvents();
        fixture.given(created(), disabled)
                .when(update(Set.of("enabled"), null, null, null, true, 2L))
                .expectEvents(new WebhookEndpointUpdated(
                        ENDPOINT, ORGANIZATION, URL, TYPES, "CRM", true, List.of("enabled")));
    }

    @Test
    void aDeletedEndpointIsNeitherChangedNorDisabled() {
        fixture.given(created())
                .when(new DeleteWebhookEndpoint(ENDPOINT, ORGANIZATION, 1L))
                .expectEvents(new WebhookEndpointDeleted(ENDPOINT, ORGANIZATION));
        fixture.given(created(), new WebhookEndpointDeleted(ENDPOINT, ORGANIZATION))
                .when(new RotateWebhookEndpointSecret(ENDPOINT, ORGANIZATION, NEW_SECRET, LATER))
                .expectException(AggregateDeletedException.class)
                .expectNoEvents();
        fixture.given(created(), new WebhookEndpointDeleted(ENDPOINT, ORGANIZATION))
                .when(new DisableWebhookEndpoint(ENDPOINT, ORGANIZATION, "failing", LATER))
                .expectNoEvents();
    }

    private static UpdateWebhookEndpoint update(
            Set<String> sent, String url, List<String> types, String description, Boolean enabled, Long revision) {
        return new UpdateWebhookEndpoint(ENDPOINT, ORGANIZATION, revision, url, types, description, enabled, sent);
    }

    private static WebhookEndpointCreated created() {
        return new WebhookEndpointCreated(ENDPOINT, ORGANIZATION, URL, TYPES, "CRM", SECRET);
    }

    private static Matcher<Refusal> refusal(ErrorCode code) {
        return new FeatureMatcher<>(equalTo(code), "a refusal with code", "code") {
            @Override
            protected ErrorCode featureValueOf(Refusal refusal) {
                return refusal.code();
            }
        };
    }
}
