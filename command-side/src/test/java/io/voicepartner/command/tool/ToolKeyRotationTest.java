package io.voicepartner.command.tool;

import static io.voicepartner.command.tool.ToolConfigurations.NOTHING;
import static io.voicepartner.command.tool.ToolConfigurations.WEATHER;
import static io.voicepartner.command.tool.ToolConfigurations.randomKey;
import static io.voicepartner.command.tool.ToolConfigurations.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.api.common.SecretValue;
import io.voicepartner.api.tool.AuthenticationType;
import io.voicepartner.api.tool.RestoreTool;
import io.voicepartner.api.tool.ToolAuthentication;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.api.tool.ToolCreated;
import io.voicepartner.api.tool.ToolDeleted;
import io.voicepartner.api.tool.ToolField;
import io.voicepartner.api.tool.ToolRestored;
import io.voicepartner.api.tool.ToolUpdated;
import io.voicepartner.api.tool.UpdateTool;
import io.voicepartner.command.eventstore.CommandRouting;
import io.voicepartner.support.security.SecretBox;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After {@code SECRETS_KEY} is rotated, a tool's credentials sealed by the previous key stay readable, and the next
 * write of the tool stores them under the current key, without calling them changed.
 */
class ToolKeyRotationTest {

    private static final String TOOL_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0e";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";

    private final String previousKey = randomKey();
    private final String currentKey = randomKey();
    private final SecretBox before = new SecretBox(previousKey, "");
    private final SecretBox rotated = new SecretBox(currentKey, previousKey);
    private final SecretBox currentOnly = new SecretBox(currentKey, "");
    private final ToolConfiguration sealedBefore = new ToolConfiguration(
            WEATHER.name(),
            WEATHER.description(),
            WEATHER.endpoint(),
            WEATHER.method(),
            WEATHER.category(),
            WEATHER.parameters(),
            WEATHER.headers(),
            Map.of("X-Weather-Token", before.encrypt("wx-token-0123456789")),
            new ToolAuthentication(
                    AuthenticationType.BEARER, Map.of(), Map.of("token", before.encrypt("bearer-abcdefghijkl"))),
            true);

    private FixtureConfiguration<Tool> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tool.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
        fixture.registerInjectableResource(rotated);
    }

    @Test
    void anUpdateStoresTheCredentialsAPreviousKeySealedUnderTheCurrentKey() {
        fixture.given(new ToolCreated(TOOL_ID, OWNER, sealedBefore))
                .when(new UpdateTool(TOOL_ID, OWNER, null, with(NOTHING, "name", "Forecast"), Set.of(ToolField.NAME)))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(Matchers.predicate(
                        (Predicate<Object>) event -> event instanceof ToolUpdated updated
                                && updated.changedFields().equals(Set.of(ToolField.NAME))
                                && readableUnderTheCurrentKeyOnly(updated.configuration())))));
    }

    @Test
    void aRestoreStoresThemUnderTheCurrentKeyToo() {
        fixture.given(new ToolCreated(TOOL_ID, OWNER, sealedBefore), new ToolDeleted(TOOL_ID, OWNER))
                .when(new RestoreTool(TOOL_ID, OWNER))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.predicate((Predicate<Object>) event -> event instanceof ToolRestored restored
                                && readableUnderTheCurrentKeyOnly(restored.configuration())))));
    }

    @Test
    void aCredentialSentAgainIsRecognisedAcrossTheRotation() {
        ToolAuthentication again = new ToolAuthentication(
                AuthenticationType.BEARER, Map.of(), Map.of("token", rotated.encrypt("bearer-abcdefghijkl")));

        fixture.given(new ToolCreated(TOOL_ID, OWNER, sealedBefore))
                .when(new UpdateTool(
                        TOOL_ID, OWNER, null, with(NOTHING, "authentication", again), Set.of(ToolField.AUTHENTICATION)))
                .expectNoEvents();
    }

    private boolean readableUnderTheCurrentKeyOnly(ToolConfiguration configuration) {
        SecretValue header = configuration.secretHeaders().get("X-Weather-Token");
        SecretValue token = configuration.authentication().secrets().get("token");
        assertThat(currentOnly.decrypt(header)).isEqualTo("wx-token-0123456789");
        assertThat(currentOnly.decrypt(token)).isEqualTo("bearer-abcdefghijkl");
        assertThat(header.lastFour()).isEqualTo("6789");
        return true;
    }
}
