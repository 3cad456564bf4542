package io.voicepartner.command.assistant;

import static io.voicepartner.command.assistant.Configurations.SUPPORT_BOT;
import static io.voicepartner.command.assistant.Configurations.json;
import static io.voicepartner.command.assistant.Configurations.with;
import static io.voicepartner.command.eventstore.SnapshotRoundTrip.assertRoundTrips;
import static io.voicepartner.command.eventstore.SnapshotRoundTrip.assertStoredAsGolden;
import static io.voicepartner.command.eventstore.SnapshotRoundTrip.sourcedFrom;

import io.voicepartner.api.assistant.AssistantCreated;
import io.voicepartner.api.assistant.AssistantDeleted;
import io.voicepartner.api.assistant.AssistantField;
import io.voicepartner.api.assistant.AssistantStatus;
import io.voicepartner.api.assistant.AssistantUpdated;
import io.voicepartner.api.assistant.AssistantVersionPublished;
import io.voicepartner.api.assistant.FileAssignmentConfigured;
import io.voicepartner.api.assistant.FilesAssigned;
import io.voicepartner.api.assistant.FrozenFile;
import io.voicepartner.api.assistant.FrozenTool;
import io.voicepartner.api.assistant.ToolsAssigned;
import io.voicepartner.api.assistant.VersionConfiguration;
import io.voicepartner.api.common.SecretValue;
import io.voicepartner.api.file.FileType;
import io.voicepartner.api.tool.AuthenticationType;
import io.voicepartner.api.tool.HttpMethod;
import io.voicepartner.api.tool.ToolAuthentication;
import io.voicepartner.api.tool.ToolConfiguration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An assistant's snapshot holds everything its later decisions read, a restore and a version restore included. */
class AssistantSnapshotTest {

    private static final String ASSISTANT_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0d";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String CALENDAR = "0190f2c4-1111-7000-8000-000000000002";
    private static final String HOLD_MUSIC = "0190f2c4-1111-7000-8000-000000000001";
    private static final String PRICE_LIST = "0190f2c4-2222-7000-8000-000000000001";
    private static final String OPENING_HOURS = "0190f2c4-2222-7000-8000-000000000002";

    private static final ToolConfiguration CALENDAR_TOOL = new ToolConfiguration(
            "Calendar",
            "Books appointments",
            "https://calendar.example.com/book",
            HttpMethod.POST,
            "scheduling",
            Map.of("type", "object"),
            Map.of(),
            Map.of("Authorization", new SecretValue("Y2lwaGVydGV4dA==", "abcd")),
            new ToolAuthentication(AuthenticationType.NONE, Map.of(), Map.of()),
            true);

    @Test
    void keepsAPublishedAndDeletedAssistantWithItsToolsInAssignmentOrder() {
        Map<String, Object> topThree = json("top_k", 3, "mode", "search");
        VersionConfiguration frozen = new VersionConfiguration(
                with(SUPPORT_BOT, AssistantField.STATUS, null),
                List.of(new FrozenTool(CALENDAR, CALENDAR_TOOL)),
                List.of(new FrozenFile(
                        PRICE_LIST,
                        PRICE_LIST + ".pdf",
                        "prices.pdf",
                        FileType.PDF,
                        48_213,
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        "Prices 2026",
                        topThree)));

        Assistant assistant = sourcedFrom(
                Assistant.class,
                ASSISTANT_ID,
                new AssistantCreated(ASSISTANT_ID, OWNER, SUPPORT_BOT),
                // not in id order: the snapshot must keep the order they were assigned in
                new ToolsAssigned(ASSISTANT_ID, OWNER, List.of(CALENDAR, HOLD_MUSIC)),
                new FilesAssigned(ASSISTANT_ID, OWNER, List.of(PRICE_LIST, OPENING_HOURS)),
                new FileAssignmentConfigured(ASSISTANT_ID, OWNER, PRICE_LIST, topThree),
                new AssistantUpdated(
                        ASSISTANT_ID,
                        OWNER,
                        with(SUPPORT_BOT, AssistantField.STATUS, AssistantStatus.DEPLOYED),
                        Set.of(AssistantField.STATUS)),
                new AssistantVersionPublished(ASSISTANT_ID, OWNER, 1, "first go-live", "sha256:1111", OWNER, frozen),
                new AssistantUpdated(
                        ASSISTANT_ID,
                        OWNER,
                        with(SUPPORT_BOT, AssistantField.NAME, "Hotline"),
                        Set.of(AssistantField.NAME, AssistantField.STATUS)),
                new AssistantVersionPublished(ASSISTANT_ID, OWNER, 2, null, "sha256:2222", OWNER, frozen),
                new AssistantDeleted(ASSISTANT_ID, OWNER));

        assertRoundTrips(assistant);
        assertStoredAsGolden(assistant);
    }
}
