package io.voicepartner.command.tool;

import static io.voicepartner.command.tool.ToolConfigurations.NOTHING;
import static io.voicepartner.command.tool.ToolConfigurations.SECRETS;
import static io.voicepartner.command.tool.ToolConfigurations.WEATHER;
import static io.voicepartner.command.tool.ToolConfigurations.with;
import static org.hamcrest.Matchers.contains;

import io.voicepartner.api.common.SecretValue;
import io.voicepartner.api.tool.AuthenticationType;
import io.voicepartner.api.tool.ToolAuthentication;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.api.tool.ToolCreated;
import io.voicepartner.api.tool.ToolField;
import io.voicepartner.api.tool.ToolUpdated;
import io.voicepartner.api.tool.UpdateTool;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.eventstore.CommandRouting;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tool's credentials were given for its endpoint's origin: moving the endpoint elsewhere takes them along only
 * if they are sent again, so that someone who can edit the tool but does not know them cannot have them sent to
 * a host of their own.
 */
class ToolCredentialOriginTest {

    private static final String TOOL_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0e";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";

    private FixtureConfiguration<Tool> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tool.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
        fixture.registerInjectableResource(SECRETS);
    }

    @Test
    void refusesToMoveTheAuthenticationToAnotherHostUnlessItIsSentAgain() {
        fixture.given(new ToolCreated(TOOL_ID, OWNER, WEATHER))
                .when(update(with(NOTHING, "endpoint", "https://attacker.example.net/weather"), ToolField.ENDPOINT))
                .expectException(refusedNaming("authentication"))
                .expectNoEvents();
    }

    @Test
    void anotherSchemeOrPortIsAnotherOriginToo() {
        fixture.given(new ToolCreated(TOOL_ID, OWNER, WEATHER))
                .when(update(with(NOTHING, "endpoint", "http://api.example.com/weather"), ToolField.ENDPOINT))
                .expectException(refusedNaming("authentication"));
        fixture.given(new ToolCreated(TOOL_ID, OWNER, WEATHER))
                .when(update(with(NOTHING, "endpoint", "https://api.example.com:8443/weather"), ToolField.ENDPOINT))
                .expectException(refusedNaming("authentication"));
    }

    @Test
    void refusesToMoveASecretHeaderThatIsNotSentAgain() {
        ToolConfiguration changes = with(
                with(NOTHING, "endpoint", "https://other.example.org/"),
                "authentication",
                new ToolAuthentication(AuthenticationType.NONE, Map.of(), Map.of()));

        fixture.given(new ToolCreated(TOOL_ID, OWNER, WEATHER))
                .when(update(changes, ToolField.ENDPOINT, ToolField.AUTHENTICATION))
                .expectException(refusedNaming("headers"))
                .expectNoEvents();
    }

    @Test
    void movesWhenTheCredentialsAreSentAgainOrRemoved() {
        SecretValue token = SECRETS.encrypt("wx-token-0123456789");
        ToolAuthentication none = new ToolAuthentication(AuthenticationType.NONE, Map.of(), Map.of());
        ToolConfiguration changes = with(
                with(
                        with(with(NOTHING, "endpoint", "https://other.example.org/"), "authentication", none),
                        "headers",
                        Map.of()),
                "secretHeaders",
                Map.of("x-weather-token", token));
        ToolConfiguration moved = with(
                with(with(WEATHER, "endpoint", "https://other.example.org/"), "authentication", none),
                "secretHeaders",
                Map.of("x-weather-token", WEATHER.secretHeaders().get("X-Weather-Token")));

        fixture.given(new ToolCreated(TOOL_ID, OWNER, WEATHER))
                .when(update(changes, ToolField.ENDPOINT, ToolField.AUTHENTICATION, ToolField.HEADERS))
                .expectEvents(new ToolUpdated(
                        TOOL_ID,
                        OWNER,
                        moved,
                        Set.of(ToolField.ENDPOINT, ToolField.AUTHENTICATION, ToolField.HEADERS)));
    }

    @Test
    void keepsTheCredentialsForAnotherPathOfTheSameOrigin() {
        fixture.given(new ToolCreated(TOOL_ID, OWNER, WEATHER))
                .when(update(with(NOTHING, "endpoint", "https://API.example.com:443/v2/weather"), ToolField.ENDPOINT))
                .expectEvents(new ToolUpdated(
                        TOOL_ID,
                        OWNER,
                        with(WEATHER, "endpoint", "https://API.example.com:443/v2/weather"),
                        Set.of(ToolField.ENDPOINT)));
    }

    private static UpdateTool update(ToolConfiguration changes, ToolField... fields) {
        return new UpdateTool(TOOL_ID, OWNER, null, changes, Set.copyOf(List.of(fields)));
    }

    private static Matcher<Refusal> refusedNaming(String field) {
        return new FeatureMatcher<>(contains(field), "a refusal naming", "fields") {
            @Override
            protected List<String> featureValueOf(Refusal refusal) {
                return refusal.details().stream().map(detail -> detail.field()).toList();
            }
        };
    }
}
