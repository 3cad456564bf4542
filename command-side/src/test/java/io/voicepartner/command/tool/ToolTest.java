package io.voicepartner.command.tool;

import static io.voicepartner.api.tool.ToolField.AUTHENTICATION;
import static io.voicepartner.api.tool.ToolField.DESCRIPTION;
import static io.voicepartner.api.tool.ToolField.HEADERS;
import static io.voicepartner.api.tool.ToolField.IS_ACTIVE;
import static io.voicepartner.api.tool.ToolField.NAME;
import static io.voicepartner.api.tool.ToolField.PARAMETERS;
import static io.voicepartner.command.tool.ToolConfigurations.NOTHING;
import static io.voicepartner.command.tool.ToolConfigurations.SECRETS;
import static io.voicepartner.command.tool.ToolConfigurations.WEATHER;
import static io.voicepartner.command.tool.ToolConfigurations.WEATHER_TOKEN;
import static io.voicepartner.command.tool.ToolConfigurations.object;
import static io.voicepartner.command.tool.ToolConfigurations.with;
import static org.hamcrest.Matchers.equalTo;

import io.voicepartner.api.common.SecretValue;
import io.voicepartner.api.tool.AuthenticationType;
import io.voicepartner.api.tool.CreateTool;
import io.voicepartner.api.tool.DeleteTool;
import io.voicepartner.api.tool.ToolAuthentication;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.api.tool.ToolCreated;
import io.voicepartner.api.tool.ToolDeleted;
import io.voicepartner.api.tool.ToolField;
import io.voicepartner.api.tool.ToolUpdated;
import io.voicepartner.api.tool.UpdateTool;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.eventstore.CommandRouting;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a tool decides: given its history, a command is either recorded as events or refused. */
class ToolTest {

    private static final String TOOL_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0e";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String STRANGER = "0190f2c4-0000-7000-8000-000000000b0b";
    /** No {@code If-Match} header: the write applies to whatever revision is current. */
    private static final Long LATEST = null;

    private FixtureConfiguration<Tool> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tool.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
        fixture.registerInjectableResource(SECRETS);
    }

    @Nested
    class Creating {

        @Test
        void createsAToolForItsOwnerWithTheGivenConfiguration() {
            fixture.givenNoPriorActivity()
                    .when(new CreateTool(TOOL_ID, OWNER, WEATHER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ToolCreated(TOOL_ID, OWNER, WEATHER));
        }

        @Test
        void aNewToolIsAtRevisionOne() {
            fixture.given(created())
                    .when(update(OWNER, 1L, with(NOTHING, "description", "Forecasts"), DESCRIPTION))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload(2L);
        }
    }

    @Nested
    class Updating {

        @Test
        void changesTheNamedFieldsAndRecordsTheWholeConfigurationAfterTheChange() {
            ToolConfiguration changes = with(with(NOTHING, "name", "Forecast"), "isActive", false);

            fixture.given(created())
                    .when(update(OWNER, LATEST, changes, NAME, IS_ACTIVE))
                    .expectEvents(updated(with(with(WEATHER, "name", "Forecast"), "isActive", false), NAME, IS_ACTIVE))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void namesOnlyTheFieldsWhoseValueChangedNotEveryFieldSent() {
            ToolConfiguration changes = with(with(NOTHING, "name", WEATHER.name()), "description", "Forecasts");

            fixture.given(created())
                    .when(update(OWNER, LATEST, changes, NAME, DESCRIPTION))
                    .expectEvents(updated(with(WEATHER, "description", "Forecasts"), DESCRIPTION));
        }

        @Test
        void answersTheRevisionTheToolReached() {
            ToolConfiguration renamed = with(WEATHER, "name", "Forecast");
            ToolConfiguration idle = with(renamed, "isActive", false);

            fixture.given(created(), updated(renamed, NAME), updated(idle, IS_ACTIVE))
                    .when(update(OWNER, LATEST, with(NOTHING, "description", "Forecasts"), DESCRIPTION))
                    .expectEvents(updated(with(idle, "description", "Forecasts"), DESCRIPTION))
                    .expectResultMessagePayload(4L);
        }

        @Test
        void clearsANamedFieldSentAsNull() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, NOTHING, DESCRIPTION))
                    .expectEvents(updated(with(WEATHER, "description", null), DESCRIPTION));
        }

        @Test
        void replacesTheParametersAsAWhole() {
            Map<String, Object> schema =
                    Map.of("type", "object", "properties", Map.of("zip", Map.of("type", "string")));

            fixture.given(created())
                    .when(update(OWNER, LATEST, with(NOTHING, "parameters", schema), PARAMETERS))
                    .expectEvents(updated(with(WEATHER, "parameters", schema), PARAMETERS));
        }

        @Test
        void mergesHeadersOneByOneAcrossPlainAndSecretHeaders() {
            SecretValue apiKey = SECRETS.encrypt("key-0123456789abc");
            ToolConfiguration changes = headers(object("X-Trace", "off", "Accept", null), object("X-Api-Key", apiKey));

            fixture.given(created())
                    .when(update(OWNER, LATEST, changes, HEADERS))
                    .expectEvents(updated(
                            headers(
                                    WEATHER,
                                    Map.of("X-Trace", "off"),
                                    Map.of("X-Weather-Token", WEATHER_TOKEN, "X-Api-Key", apiKey)),
                            HEADERS));
        }

        @Test
        void removesASecretHeaderSentAsNull() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, headers(object(), object("X-Weather-Token", null)), HEADERS))
                    .expectEvents(updated(headers(WEATHER, WEATHER.headers(), Map.of()), HEADERS));
        }

        @Test
        void matchesHeaderNamesWithoutRegardToCase() {
            SecretValue token = SECRETS.encrypt("wx-token-9876543210");
            ToolConfiguration changes =
                    headers(object("x-trace", "off", "ACCEPT", null), object("x-weather-token", token));

            fixture.given(created())
                    .when(update(OWNER, LATEST, changes, HEADERS))
                    .expectEvents(updated(
                            headers(WEATHER, Map.of("x-trace", "off"), Map.of("x-weather-token", token)), HEADERS));
        }

        @Test
        void clearsEveryHeaderWhenHeadersIsSentAsNull() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, NOTHING, HEADERS))
                    .expectEvents(updated(headers(WEATHER, Map.of(), Map.of()), HEADERS));
        }

        @Test
        void recordsNothingWhenASecretHeaderIsSentAgainUnchanged() {
            ToolConfiguration changes =
                    headers(object(), object("X-Weather-Token", SECRETS.encrypt("wx-token-0123456789")));

            fixture.given(created())
                    .when(update(OWNER, LATEST, changes, HEADERS))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void keepsTheStoredCiphertextOfASecretSentAgainBesideAChange() {
            ToolConfiguration changes = headers(
                    object("X-Trace", "off"), object("X-Weather-Token", SECRETS.encrypt("wx-token-0123456789")));

            fixture.given(created())
                    .when(update(OWNER, LATEST, changes, HEADERS))
                    .expectEvents(updated(
                            headers(
                                    WEATHER,
                                    Map.of("Accept", "application/json", "X-Trace", "off"),
                                    WEATHER.secretHeaders()),
                            HEADERS));
        }

        @Test
        void replacesTheAuthenticationAsAWhole() {
            ToolAuthentication basic = new ToolAuthentication(
                    AuthenticationType.BASIC,
                    Map.of("username", "ada"),
                    Map.of("password", SECRETS.encrypt("correct horse")));

            fixture.given(created())
                    .when(update(OWNER, LATEST, with(NOTHING, "authentication", basic), AUTHENTICATION))
                    .expectEvents(updated(with(WEATHER, "authentication", basic), AUTHENTICATION));
        }

        @Test
        void recordsNothingWhenTheSameAuthenticationIsSentAgain() {
            ToolAuthentication again = new ToolAuthentication(
                    AuthenticationType.BEARER, Map.of(), Map.of("token", SECRETS.encrypt("bearer-abcdefghijkl")));

            fixture.given(created())
                    .when(update(OWNER, LATEST, with(NOTHING, "authentication", again), AUTHENTICATION))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void recordsANewCredentialOfTheSameAuthenticationType() {
            ToolAuthentication rotated = new ToolAuthentication(
                    AuthenticationType.BEARER, Map.of(), Map.of("token", SECRETS.encrypt("bearer-rotated-0001")));

            fixture.given(created())
                    .when(update(OWNER, LATEST, with(NOTHING, "authentication", rotated), AUTHENTICATION))
                    .expectEvents(updated(with(WEATHER, "authentication", rotated), AUTHENTICATION));
        }

        @Test
        void recordsNothingForAnUpdateThatChangesNothingAndAnswersTheCurrentRevision() {
            ToolConfiguration renamed = with(WEATHER, "name", "Forecast");

            fixture.given(created(), updated(renamed, NAME))
                    .when(update(
                            OWNER,
                            LATEST,
                            with(with(NOTHING, "name", "Forecast"), "endpoint", WEATHER.endpoint()),
                            NAME,
                            ToolField.ENDPOINT))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void recordsNothingForAnUpdateThatNamesNoField() {
            fixture.given(created())
                    .when(update(OWNER, LATEST, NOTHING))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void appliesAnUpdateMadeAtTheCurrentRevision() {
            ToolConfiguration renamed = with(WEATHER, "name", "Forecast");

            fixture.given(created(), updated(renamed, NAME))
                    .when(update(OWNER, 2L, with(NOTHING, "description", "Forecasts"), DESCRIPTION))
                    .expectEvents(updated(with(renamed, "description", "Forecasts"), DESCRIPTION))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void refusesAnUpdateMadeAtAnOlderRevision() {
            fixture.given(created(), updated(with(WEATHER, "name", "Forecast"), NAME))
                    .when(update(OWNER, 1L, with(NOTHING, "description", "Forecasts"), DESCRIPTION))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void refusesAnUpdateMadeAtARevisionNotYetReached() {
            fixture.given(created())
                    .when(update(OWNER, 2L, with(NOTHING, "description", "Forecasts"), DESCRIPTION))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void refusesToUpdateAToolOwnedByAnotherUser() {
            fixture.given(created())
                    .when(update(STRANGER, LATEST, with(NOTHING, "name", "Mine now"), NAME))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void revealsNoRevisionOfAToolOwnedByAnotherUser() {
            fixture.given(created())
                    .when(update(STRANGER, 7L, with(NOTHING, "name", "Mine now"), NAME))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void refusesToUpdateADeletedTool() {
            fixture.given(created(), deleted())
                    .when(update(OWNER, LATEST, with(NOTHING, "name", "Back again"), NAME))
                    .expectException(AggregateDeletedException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Deleting {

        @Test
        void deletesAToolAndAnswersTheRevisionOfTheDeletion() {
            fixture.given(created())
                    .when(new DeleteTool(TOOL_ID, OWNER, LATEST))
                    .expectEvents(deleted())
                    .expectResultMessagePayload(2L);
        }

        @Test
        void deletesAToolAtTheCurrentRevision() {
            fixture.given(created(), updated(with(WEATHER, "name", "Forecast"), NAME))
                    .when(new DeleteTool(TOOL_ID, OWNER, 2L))
                    .expectEvents(deleted())
                    .expectResultMessagePayload(3L);
        }

        @Test
        void refusesADeleteMadeAtAnOlderRevision() {
            fixture.given(created(), updated(with(WEATHER, "name", "Forecast"), NAME))
                    .when(new DeleteTool(TOOL_ID, OWNER, 1L))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void refusesADeleteMadeAtARevisionNotYetReached() {
            fixture.given(created())
                    .when(new DeleteTool(TOOL_ID, OWNER, 5L))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void refusesToDeleteAToolOwnedByAnotherUser() {
            fixture.given(created())
                    .when(new DeleteTool(TOOL_ID, STRANGER, LATEST))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void refusesToDeleteAToolTwice() {
            fixture.given(created(), deleted())
                    .when(new DeleteTool(TOOL_ID, OWNER, LATEST))
                    .expectException(AggregateDeletedException.class)
                    .expectNoEvents();
        }
    }

    private static ToolCreated created() {
        return new ToolCreated(TOOL_ID, OWNER, WEATHER);
    }

    private static ToolUpdated updated(ToolConfiguration configuration, ToolField... changed) {
        return new ToolUpdated(TOOL_ID, OWNER, configuration, Set.copyOf(List.of(changed)));
    }

    private static ToolDeleted deleted() {
        return new ToolDeleted(TOOL_ID, OWNER);
    }

    private static UpdateTool update(
            String caller, Long expectedRevision, ToolConfiguration changes, ToolField... fields) {
        return new UpdateTool(TOOL_ID, caller, expectedRevision, changes, Set.copyOf(List.of(fields)));
    }

    private static ToolConfiguration headers(Map<String, String> plain, Map<String, SecretValue> secret) {
        return headers(NOTHING, plain, secret);
    }

    private static ToolConfiguration headers(
            ToolConfiguration base, Map<String, String> plain, Map<String, SecretValue> secret) {
        return with(with(base, "headers", plain), "secretHeaders", secret);
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
