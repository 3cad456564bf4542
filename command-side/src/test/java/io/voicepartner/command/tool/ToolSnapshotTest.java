package io.voicepartner.command.tool;

import static io.voicepartner.command.eventstore.SnapshotRoundTrip.assertRoundTrips;
import static io.voicepartner.command.eventstore.SnapshotRoundTrip.assertStoredAsGolden;
import static io.voicepartner.command.eventstore.SnapshotRoundTrip.sourcedFrom;
import static io.voicepartner.command.tool.ToolConfigurations.WEATHER;
import static io.voicepartner.command.tool.ToolConfigurations.with;

import io.voicepartner.api.common.SecretValue;
import io.voicepartner.api.tool.AuthenticationType;
import io.voicepartner.api.tool.ToolAuthentication;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.api.tool.ToolCreated;
import io.voicepartner.api.tool.ToolDeleted;
import io.voicepartner.api.tool.ToolField;
import io.voicepartner.api.tool.ToolUpdated;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A tool's snapshot holds its configuration with the credentials as the events carry them: encrypted. */
class ToolSnapshotTest {

    private static final String TOOL_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0e";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    // credentials sealed as the events carry them; a snapshot never opens them, so fixed ones can pin its form
    private static final ToolConfiguration SEALED = with(
            with(
                    with(
                            WEATHER,
                            "secretHeaders",
                            Map.of("X-Weather-Token", new SecretValue("v2:golden:c2VhbGVkLXRva2Vu", "6789"))),
                    "authentication",
                    new ToolAuthentication(
                            AuthenticationType.BEARER,
                            Map.of(),
                            Map.of("token", new SecretValue("v2:golden:c2VhbGVkLWJlYXJlcg", "ijkl")))),
            "secretQueryParameters",
            Map.of("api_key", new SecretValue("v2:golden:c2VhbGVkLWtleQ", "wxyz")));

    @Test
    void keepsADeletedToolWithItsEncryptedCredentials() {
        Tool tool = sourcedFrom(
                Tool.class,
                TOOL_ID,
                new ToolCreated(TOOL_ID, OWNER, SEALED),
                new ToolUpdated(
                        TOOL_ID,
                        OWNER,
                        with(SEALED, "description", "The forecast, hourly"),
                        Set.of(ToolField.DESCRIPTION)),
                new ToolDeleted(TOOL_ID, OWNER));

        assertRoundTrips(tool);
        assertStoredAsGolden(tool);
    }
}
