package io.voicepartner.command.tool;

import io.voicepartner.api.tool.ToolCreated;
import io.voicepartner.api.tool.ToolDeleted;
import io.voicepartner.api.tool.ToolField;
import io.voicepartner.api.tool.ToolUpdated;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.voicepartner.command.eventstore.SnapshotRoundTrip.assertRoundTrips;
import static io.voicepartner.command.eventstore.SnapshotRoundTrip.sourcedFrom;
import static io.voicepartner.command.tool.ToolConfigurations.WEATHER;
import static io.voicepartner.command.tool.ToolConfigurations.with;

/** A tool's snapshot holds its configuration with the credentials as the events carry them: encrypted. */
class ToolSnapshotTest {

    private static final String TOOL_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0e";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";

    @Test
    void keepsADeletedToolWithItsEncryptedCredentials() {
        Tool tool = sourcedFrom(Tool.class, TOOL_ID,
                new ToolCreated(TOOL_ID, OWNER, WEATHER),
                new ToolUpdated(TOOL_ID, OWNER, with(WEATHER, "description", "The forecast, hourly"),
                        Set.of(ToolField.DESCRIPTION)),
                new ToolDeleted(TOOL_ID, OWNER));

        assertRoundTrips(tool);
    }
}
